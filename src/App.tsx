import { useQuery } from '@tanstack/react-query';
import { call } from './api/client';
import { useTransportStatus } from './api/use-transport-status';
import { DesktopCommands } from './app/DesktopCommands';
import { HostBanner } from './app/HostBanner';
import { MissingToken } from './app/MissingToken';
import { PushFeeds } from './app/PushFeeds';
import { TopBar } from './app/TopBar';
import { useAppReadyFlag } from './app/use-app-ready-flag';
import { useConnections } from './connections/connection-queries';
import { ProfileEditorProvider } from './profiles/profile-editor';
import { ProfileLoadBanner } from './profiles/ProfileLoadBanner';
import { SettingsSync } from './settings/SettingsSync';
import { Workbench } from './workbench/Workbench';
import { WorkbenchProvider } from './workbench/workbench-state';

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
        <SettingsSync enabled={open} />
        <TopBar info={info.data} />
        <HostBanner status={transport} />
        <WorkbenchProvider>
          <DesktopCommands />
          <ProfileLoadBanner />
          <Workbench />
        </WorkbenchProvider>
      </div>
    </ProfileEditorProvider>
  );
}
