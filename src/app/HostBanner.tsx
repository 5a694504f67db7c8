import type { TransportStatus } from '../api/transport';

/** Says plainly when the page cannot talk to its host, instead of buttons that do nothing. */
export function HostBanner({ status }: { status: TransportStatus }) {
  if (status.state === 'connecting') {
    return (
      <div className="banner banner-info" role="status">
        Connecting to the MQScope host…
      </div>
    );
  }
  if (status.state !== 'closed') return null;
  return (
    <div className="banner banner-error" role="alert">
      <span>
        {status.reason}{' '}
        {status.cause === 'lost' ? (
          'Nothing can reach the broker from this page: reload it once the host runs again.'
        ) : (
          <>
            Open the URL that <code>npm run web</code> printed, including its <code>?token=…</code> part.
          </>
        )}
      </span>
      <button type="button" className="button-small" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
