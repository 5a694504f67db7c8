import type { ParseKeys } from 'i18next';
import {
  Braces,
  Cable,
  ChartLine,
  Disc3,
  Factory,
  FlaskConical,
  Gauge,
  ListChecks,
  Server,
  Settings,
  type LucideIcon,
} from 'lucide-react';
import { lazy, type ComponentType } from 'react';
import { ConnectionsActivity } from './ConnectionsActivity';

// Every view but the first is loaded when it is first shown: none of them is on the start path
// (the startup chunk's bound is checked in tests/unit/startup-chunk.test.ts).
const BrokerPanel = lazy(() => import('../broker/BrokerPanel').then((m) => ({ default: m.BrokerPanel })));
const ChartsArea = lazy(() => import('../charts/ChartsArea').then((m) => ({ default: m.ChartsArea })));
const CheckOpener = lazy(() => import('../check/CheckOpener').then((m) => ({ default: m.CheckOpener })));
const LabPanel = lazy(() => import('../lab/LabPanel').then((m) => ({ default: m.LabPanel })));
const RecordingsPanel = lazy(() =>
  import('../record/RecordingsPanel').then((m) => ({ default: m.RecordingsPanel })),
);
const SettingsView = lazy(() =>
  import('../settings/SettingsView').then((m) => ({ default: m.SettingsView })),
);
const ScriptsPanel = lazy(() => import('../scripts/ScriptsPanel').then((m) => ({ default: m.ScriptsPanel })));
const SysPanel = lazy(() => import('../sys/SysPanel').then((m) => ({ default: m.SysPanel })));
const SparkplugView = lazy(() =>
  import('../sparkplug/SparkplugView').then((m) => ({ default: m.SparkplugView })),
);

/** One entry of the activity bar: what the side area shows when it is chosen. */
export interface Activity {
  id: string;
  icon: LucideIcon;
  /** The name shown as its tooltip and read as its label. */
  label: ParseKeys;
  /** What it is for: the second line of its tooltip. */
  hint: ParseKeys;
  view: ComponentType;
}

/** The activity bar, top to bottom. A new view is one line here (its component stays self-contained). */
export const ACTIVITIES: readonly Activity[] = [
  {
    id: 'connections',
    icon: Cable,
    label: 'workbench.activity.connections',
    hint: 'workbench.hint.connections',
    view: ConnectionsActivity,
  },
  {
    id: 'broker',
    icon: Server,
    label: 'workbench.activity.broker',
    hint: 'workbench.hint.broker',
    view: BrokerPanel,
  },
  {
    id: 'sys',
    icon: Gauge,
    label: 'sys.activity',
    hint: 'sys.hint',
    view: SysPanel,
  },
  {
    id: 'lab',
    icon: FlaskConical,
    label: 'workbench.activity.lab',
    hint: 'workbench.hint.lab',
    view: LabPanel,
  },
  {
    id: 'charts',
    icon: ChartLine,
    label: 'workbench.activity.charts',
    hint: 'workbench.hint.charts',
    view: ChartsArea,
  },
  {
    id: 'check',
    icon: ListChecks,
    label: 'workbench.activity.check',
    hint: 'workbench.hint.check',
    // The results table needs the width of the main area: the side view opens it over that.
    view: CheckOpener,
  },
  {
    id: 'record',
    icon: Disc3,
    label: 'workbench.activity.record',
    hint: 'workbench.hint.record',
    view: RecordingsPanel,
  },
  { id: 'scripts', icon: Braces, label: 'scripts.activity', hint: 'scripts.hint', view: ScriptsPanel },
  {
    id: 'sparkplug',
    icon: Factory,
    label: 'sparkplug.activity',
    hint: 'sparkplug.hint',
    view: SparkplugView,
  },
  {
    id: 'settings',
    icon: Settings,
    label: 'workbench.activity.settings',
    hint: 'workbench.hint.settings',
    view: SettingsView,
  },
];

export const FIRST_ACTIVITY = 'connections';
