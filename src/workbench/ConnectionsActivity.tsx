import { useTransportStatus } from '../api/use-transport-status';
import { ConnectionForm } from '../connections/ConnectionForm';
import { ConnectionList } from '../connections/ConnectionList';
import { ProfilesPanel } from '../profiles/ProfilesPanel';

/** Saved profiles, the connections of this page, and the form (with its status and CONNACK). */
export function ConnectionsActivity() {
  const open = useTransportStatus().state === 'open';
  return (
    <>
      <ProfilesPanel enabled={open} />
      <ConnectionList />
      <ConnectionForm />
    </>
  );
}
