import { useId, useState, type ComponentProps, type FormEvent } from 'react';
import type { Transport } from '../../electron/contract';
import { RequestFailure, errorText } from '../api/client';
import { Field, invalidProps } from '../ui/field';
import {
  DEFAULT_FORM,
  isConnectField,
  toConnectOptions,
  type ConnectField,
  type ConnectFormValues,
  type FieldProblems,
} from './connect-form-values';
import { useCloseConnection, useCurrentConnection, useOpenConnection } from './connection-queries';
import { ConnectionStatusLine } from './ConnectionStatusLine';

export function ConnectionForm() {
  const [values, setValues] = useState<ConnectFormValues>(DEFAULT_FORM);
  const [problems, setProblems] = useState<FieldProblems>({});
  const { connectionId, status, opening } = useCurrentConnection();
  const open = useOpenConnection();
  const close = useCloseConnection();
  const baseId = useId();
  const id = (field: ConnectField) => `${baseId}-${field}`;

  const live = opening || status?.state === 'connected' || status?.state === 'reconnecting';
  const canDisconnect = !opening && !!connectionId && live;

  const set = (field: ConnectField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setProblems((p) => ({ ...p, [field]: undefined }));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (live) return;
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
            if (isConnectField(issue.path)) fromHost[issue.path] = issue.message;
          }
          setProblems(fromHost);
        }
      },
    });
  };

  const requestProblem = open.isError ? errorText(open.error) : close.isError ? errorText(close.error) : null;
  const isWs = values.transport === 'ws';

  const text = (field: ConnectField, label: string, extra: ComponentProps<'input'> = {}) => (
    <Field id={id(field)} label={label} problem={problems[field]}>
      <input
        {...invalidProps(id(field), problems[field])}
        value={values[field]}
        onChange={(e) => set(field)(e.target.value)}
        spellCheck={false}
        autoComplete="off"
        {...extra}
      />
    </Field>
  );

  return (
    <form className="connection-form" onSubmit={onSubmit} noValidate aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`} className="section-title">
        Connection
      </h2>
      <div className="field-row">
        {text('host', 'Host', { className: 'mono' })}
        {text('port', 'Port', { inputMode: 'numeric', className: 'mono port-input' })}
      </div>
      <div className="field-row">
        <Field id={id('transport')} label="Transport">
          <select
            id={id('transport')}
            value={values.transport}
            onChange={(e) => set('transport')(e.target.value as Transport)}
          >
            <option value="mqtt">MQTT (TCP)</option>
            <option value="ws">WebSocket</option>
          </select>
        </Field>
        {text('path', 'WebSocket path', {
          className: 'mono',
          disabled: !isWs,
          title: isWs ? undefined : 'Only used with the WebSocket transport',
        })}
      </div>
      {text('clientId', 'Client ID', { className: 'mono', placeholder: 'generated if empty' })}
      <div className="field-row">
        {text('username', 'Username')}
        {text('password', 'Password', { type: 'password', autoComplete: 'new-password' })}
      </div>
      <div className="button-row">
        {/* One button that turns from Connect into Disconnect, so keyboard focus stays on it;
            aria-disabled rather than disabled for the same reason. */}
        {canDisconnect ? (
          <button
            type="button"
            className="connect-toggle"
            aria-disabled={close.isPending}
            onClick={() => !close.isPending && connectionId && close.mutate(connectionId)}
          >
            Disconnect
          </button>
        ) : (
          <button type="submit" className="connect-toggle button-primary" aria-disabled={live}>
            Connect
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
    </form>
  );
}
