import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import { useTranslation } from 'react-i18next';
import { useOwnConnections } from '../connections/connection-queries';
import { useConnectionsOfThisPage } from '../connections/current-connection';
import { StreamToolbar } from '../messages/StreamToolbar';
import { SubscriptionsBar } from '../subscriptions/SubscriptionsBar';
import { FilterBar } from '../topics/FilterBar';
import { ACTIVITIES } from './activities';
import { ActivityShown } from './activity-shown';
import { ActivityBar } from './ActivityBar';
import { StartHere } from './StartHere';
import { useWorkbench } from './workbench-state';
import './workbench.css';

// Off the start path: the first paint needs none of these (the stream panes appear once a
// connection is open; publish and the packet log load right after the first paint).
const Inspector = lazy(() => import('../inspector/Inspector').then((m) => ({ default: m.Inspector })));
const MessageList = lazy(() => import('../messages/MessageList').then((m) => ({ default: m.MessageList })));
const PacketsPanel = lazy(() => import('../packets/PacketsPanel').then((m) => ({ default: m.PacketsPanel })));
const PublishPanel = lazy(() => import('../publish/PublishPanel').then((m) => ({ default: m.PublishPanel })));
const TopicTree = lazy(() => import('../topics/TopicTree').then((m) => ({ default: m.TopicTree })));

/** Pane sizes are remembered per browser: they describe this screen, not the user's data. */
function useRemembered(id: string) {
  return useDefaultLayout({ id: `mqscope.layout.${id}`, storage: localStorage });
}

function Handle({ label }: { label: string }) {
  return <Separator className="pane-handle" aria-label={label} />;
}

/**
 * A connection opened from the Local broker view ("Connect to local broker") is shown where
 * connections live: its status, CONNACK and form are in the Connections view.
 */
function useShowNewConnection(active: string, show: (id: string) => void) {
  const { selectedId } = useConnectionsOfThisPage();
  const previous = useRef(selectedId);
  useEffect(() => {
    if (selectedId === previous.current) return;
    previous.current = selectedId;
    if (selectedId && active === 'broker') show('connections');
  }, [selectedId, active, show]);
}

/**
 * The activities shown so far: a view is loaded and mounted when first shown, then kept
 * mounted while hidden (a half-typed form or a running lab keeps its state).
 */
function useVisited(active: string): ReadonlySet<string> {
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set([active]));
  if (!visited.has(active)) setVisited(new Set([...visited, active]));
  return visited;
}

/**
 * The activity bar, the side area it switches, and the main area: subscriptions, toolbar,
 * filter, then topic tree | message list over detail, publish below, the packet log last.
 * Every split is resizable; the side area and publish collapse.
 */
export function Workbench() {
  const { t } = useTranslation();
  const { active, show, sidePanel, onSideResize, sideCollapsed } = useWorkbench();
  const started = useOwnConnections().length > 0;
  useShowNewConnection(active, show);
  const visited = useVisited(active);
  const outer = useRemembered('outer');
  const main = useRemembered('main');
  const stream = useRemembered('stream');
  const detail = useRemembered('detail');
  return (
    <div className="workbench">
      <ActivityBar />
      <Group orientation="horizontal" className="workbench-panes" id="workbench-outer" {...outer}>
        <Panel
          id="side"
          panelRef={sidePanel}
          defaultSize="320px"
          minSize="240px"
          maxSize="60%"
          collapsible
          collapsedSize={0}
          onResize={onSideResize}
          className="side-area"
        >
          {ACTIVITIES.map(({ id, view: View }) => (
            <div
              key={id}
              id={`activity-view-${id}`}
              role="tabpanel"
              aria-labelledby={`activity-tab-${id}`}
              className="activity-view"
              // Kept mounted while hidden: a half-typed form or a running lab keeps its state.
              // Hidden too while the side area is collapsed, so Tab never reaches what is not shown.
              hidden={id !== active || sideCollapsed}
            >
              {visited.has(id) && (
                <ActivityShown.Provider value={id === active && !sideCollapsed}>
                  <Suspense fallback={null}>
                    <View />
                  </Suspense>
                </ActivityShown.Provider>
              )}
            </div>
          ))}
        </Panel>
        <Handle label={t('workbench.resize.side')} />
        <Panel id="main" minSize="480px" className="main-area">
          <main className="main">
            <SubscriptionsBar />
            <StreamToolbar />
            <FilterBar />
            <Group orientation="vertical" className="main-panes" id="workbench-main" {...main}>
              <Panel id="stream" minSize="120px">
                {started ? (
                  <Group orientation="horizontal" className="stream-panes" id="workbench-stream" {...stream}>
                    <Panel id="tree" defaultSize="36%" minSize="280px" className="pane-tree">
                      <Suspense fallback={null}>
                        <TopicTree />
                      </Suspense>
                    </Panel>
                    <Handle label={t('workbench.resize.tree')} />
                    <Panel id="detail" minSize="280px">
                      <Group
                        orientation="vertical"
                        className="stream-detail"
                        id="workbench-detail"
                        {...detail}
                      >
                        <Panel id="list" minSize="80px" className="pane-list">
                          <Suspense fallback={null}>
                            <MessageList />
                          </Suspense>
                        </Panel>
                        <Handle label={t('workbench.resize.detail')} />
                        <Panel id="inspector" defaultSize="42%" minSize="120px" className="pane-inspector">
                          <Suspense fallback={null}>
                            <Inspector />
                          </Suspense>
                        </Panel>
                      </Group>
                    </Panel>
                  </Group>
                ) : (
                  <StartHere />
                )}
              </Panel>
              <Handle label={t('workbench.resize.publish')} />
              <Panel
                id="publish"
                defaultSize="38%"
                minSize="120px"
                collapsible
                collapsedSize={0}
                className="pane-publish"
              >
                <Suspense fallback={null}>
                  <PublishPanel />
                </Suspense>
              </Panel>
            </Group>
            <Suspense fallback={null}>
              <PacketsPanel />
            </Suspense>
          </main>
        </Panel>
      </Group>
    </div>
  );
}
