import type { LabResult } from '../../electron/contract';
import { ACTION_LABELS, clock, secondsText } from './format';

function payloadText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 200));
  return bytes.length > 200 ? `${text}…` : text;
}

/** One run: the verdict first, then the measured facts behind it. */
export function LabResultCard({ result }: { result: LabResult }) {
  const ok = result.verdict === 'as-specified';
  return (
    <article
      className={`lab-result ${ok ? 'lab-ok' : 'lab-bad'}`}
      aria-label={`${ACTION_LABELS[result.action]} result`}
    >
      <p className="lab-verdict" role="note">
        <span aria-hidden="true">{ok ? '✓' : '✗'}</span> {result.verdictText}
      </p>
      <dl className="lab-facts">
        <dt>Action</dt>
        <dd>
          {ACTION_LABELS[result.action]} at <span className="mono">{clock(result.actionAt)}</span>
        </dd>
        <dt>Expected</dt>
        <dd>{result.expected.description}</dd>
        <dt>Will</dt>
        <dd>
          {result.will ? (
            <>
              <span className="mono">{result.willTopic}</span> after {secondsText(result.will.afterActionMs)}
              {result.will.afterLastPacketMs !== null && (
                <span className="muted">
                  {' '}
                  ({secondsText(result.will.afterLastPacketMs)} after the last packet)
                </span>
              )}
            </>
          ) : (
            `none within ${secondsText(result.observedForMs)}`
          )}
        </dd>
        {result.will && (
          <>
            <dt>Payload</dt>
            <dd className="mono lab-payload">{payloadText(result.will.payload)}</dd>
          </>
        )}
      </dl>
    </article>
  );
}
