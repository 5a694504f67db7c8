import { useId, useState, type FormEvent } from 'react';
import { RequestFailure, errorText } from '../api/client';
import {
  DEFAULT_FORM,
  fieldForIssuePath,
  toConnectOptions,
  type ConnectFormValues,
  type FieldProblems,
} from './connect-form-values';
import { ConnackPanel } from './ConnackPanel';
import { useCloseConnection, useCurrentConnection, useOpenConnection } from './connection-queries';
import { ConnectionStatusLine } from './ConnectionStatusLine';
import { ConnectFormFields } from './form/ConnectFormFields';
import { isLive } from './status-words';

/**
 * The sidebar: every connection option, Connect (which opens another connection when one
 * is already up), Disconnect for the shown connection, its status and its CONNACK.
 */
export function ConnectionForm() {
  const [values, setValues] = useState<ConnectFormValues>(DEFAULT_FORM);
  const [problems, setProblems] = useState<FieldProblems>({});
  const { connectionId, status, opening } = useCurrentConnection();
  const open = useOpenConnection();
  const close = useCloseConnection();
  const baseId = useId();

  const live = !!status && isLive(status.state);
  const canDisconnect = !opening && !!connectionId && live;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (opening) return;
    const checked = toConnectOptions(values);
    if (!checked.ok) return setProblems(checked.problems);
    setProblems({});
    close.reset();
    open.mutate(checked.options, {
      onError: (error) => {
        // The host's own validation names fields too: show those where they belong.
        if (error instanceof RequestFailure && error.error.issues) {
          const fromHost: FieldProblems = {};
          for (const issue of error.error.issues) {
            const field = fieldForIssuePath(issue.path);
            if (field && !fromHost[field]) fromHost[field] = issue.message;
          }
          setProblems(fromHost);
        }
      },
    });
  };

  const requestProblem =
    problems.form ?? (open.isError ? errorText(open.error) : close.isError ? errorText(close.error) : null);

  return (
    <form className="connection-form" onSubmit={onSubmit} noValidate aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`} className="section-title">
        Connection
      </h2>
      <ConnectFormFields
        values={values}
        problems={problems}
        onChange={setValues}
        onProblemsChange={setProblems}
      />
      <div className="button-row">
        {/* aria-disabled rather than disabled, so keyboard focus stays on the button. */}
        <button
          type="submit"
          className="connect-button button-primary"
          aria-disabled={opening}
          title={live ? 'Opens another connection; the current one stays open.' : undefined}
        >
          Connect
        </button>
        {canDisconnect && (
          <button
            type="button"
            className="connect-button"
            aria-disabled={close.isPending}
            onClick={() => !close.isPending && connectionId && close.mutate(connectionId)}
          >
            Disconnect
          </button>
        )}
        {opening && <span className="muted">Waiting for the broker…</span>}
      </div>
      {requestProblem && (
        <p className="field-problem" role="alert">
          {requestProblem}
        </p>
      )}
      <ConnectionStatusLine status={status} opening={opening} />
      {!opening && <ConnackPanel status={status} />}
    </form>
  );
}
