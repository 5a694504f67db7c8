/** The whole page when a browser opens the web host without its per-run token. */
export function MissingToken() {
  return (
    <main className="missing-token">
      <h1>MQScope needs its access token</h1>
      <p>
        This address has no <code>?token=…</code> part, so the MQScope host will not talk to this page.
      </p>
      <p>
        Open the full URL that <code>npm run web</code> printed in its terminal: it looks like{' '}
        <code>http://127.0.0.1:PORT/?token=…</code>. The token changes on every run.
      </p>
    </main>
  );
}
