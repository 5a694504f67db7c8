import { useQuery } from '@tanstack/react-query';
import { call } from './api/client';
import { useTransportStatus } from './api/use-transport-status';
import { DesktopCommands } from './app/DesktopCommands';
import { HostBanner } from './app/HostBanner';
import { MissingToken } from './app/MissingToken';
import { PushFeeds } from './app/PushFeeds';
import { TopBar } from './app/TopBar';
import { useAppReadyFlag } from './app/use-app-ready-flag';
import { BrokerPanel } from './broker/BrokerPanel';
import { CheckOpener } from './check/CheckOpener';
import { ChartsArea } from './charts/ChartsArea';
import { ConnectionForm } from './connections/ConnectionForm';
import { ConnectionList } from './connections/ConnectionList';
import { LabPanel } from './lab/LabPanel';
import { useConnections } from './connections/connection-queries';
import { Inspector } from './inspector/Inspector';
import { MessageList } from './messages/MessageList';
import { PacketsPanel } from './packets/PacketsPanel';
import { ProfileEditorProvider } from './profiles/profile-editor';
import { ProfileLoadBanner } from './profiles/ProfileLoadBanner';
import { ProfilesPanel } from './profiles/ProfilesPanel';
import { StreamToolbar } from './messages/StreamToolbar';
import { PublishPanel } from './publish/PublishPanel';
import { RecordingsPanel } from './record/RecordingsPanel';
import { SubscriptionsBar } from './subscriptions/SubscriptionsBar';
import { FilterBar } from './topics/FilterBar';
import { TopicTree } from './topics/TopicTree';

export function App() {
  const transport = useTransportStatus();
  const open = transport.state === 'open';
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => call('app.info', {}), enabled: open });
  useConnections(open);
  useAppReadyFlag(open && info.isSuccess);

  if (transport.state === 'closed' && transport.cause === 'no-token') return <MissingToken />;

  return (
    <ProfileEditorProvider>
      <div className="app">
        <PushFeeds />
        <TopBar info={info.data} />
        <HostBanner status={transport} />
        <DesktopCommands />
        <ProfileLoadBanner />
        <div className="workspace">
          <aside className="sidebar">
            <ProfilesPanel enabled={open} />
            <ConnectionList />
            <CheckOpener />
            <ConnectionForm />
            <LabPanel />
            <RecordingsPanel />
            <BrokerPanel />
            {/* Temporary mount (data-views): the lead moves Charts into the activity bar. */}
            <ChartsArea />
          </aside>
          <main className="main">
            <SubscriptionsBar />
            <StreamToolbar />
            <FilterBar />
            <div className="stream-panes">
              <TopicTree />
              <div className="stream-detail">
                <MessageList />
                <Inspector />
              </div>
            </div>
            <PublishPanel />
            <PacketsPanel />
          </main>
        </div>
      </div>
    </ProfileEditorProvider>
  );
}
