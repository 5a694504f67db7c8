import type { ParseKeys } from 'i18next';
import { Cable, FlaskConical, Server, Settings, type LucideIcon } from 'lucide-react';
import type { ComponentType } from 'react';
import { BrokerPanel } from '../broker/BrokerPanel';
import { LabPanel } from '../lab/LabPanel';
import { SettingsView } from '../settings/SettingsView';
import { ConnectionsActivity } from './ConnectionsActivity';

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
    id: 'lab',
    icon: FlaskConical,
    label: 'workbench.activity.lab',
    hint: 'workbench.hint.lab',
    view: LabPanel,
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
