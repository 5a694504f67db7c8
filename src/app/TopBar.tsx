import type { AppInfo } from '../../electron/contract';
import { StatusPill } from '../connections/StatusPill';

export function TopBar({ info }: { info: AppInfo | undefined }) {
  return (
    <header className="topbar">
      <span className="brand">MQScope</span>
      <StatusPill />
      <span className="toolbar-spacer" />
      {info && (
        <span className="muted" title={info.host === 'web' ? 'Served by the web host' : 'Desktop app'}>
          {info.host === 'web' ? 'Web' : 'Desktop'} · v{info.version}
        </span>
      )}
    </header>
  );
}
