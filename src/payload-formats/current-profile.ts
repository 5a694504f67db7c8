import { useCurrentConnection } from '../connections/connection-queries';
import { useConnectionsOfThisPage } from '../connections/current-connection';

/** The profile of the connection on screen, or null (a connection opened from the form alone). */
export function useCurrentProfileId(): string | null {
  const { connectionId } = useCurrentConnection();
  const { forms } = useConnectionsOfThisPage();
  return (connectionId && forms.get(connectionId)?.draft.profileId) || null;
}
