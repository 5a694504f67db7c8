import { useTranslation } from 'react-i18next';
import type { ConnectOptions, LocalBrokerStatus } from '../../electron/contract';
import { errorText } from '../api/client';
import { fromConnectOptions } from '../connections/connect-form-values';
import { useCurrentConnection, useOpenConnection } from '../connections/connection-queries';
import { useConnectionsOfThisPage } from '../connections/current-connection';
import { newDraft } from '../profiles/profile-draft';
import { useProfileEditor } from '../profiles/profile-editor';

interface Props {
  status: LocalBrokerStatus;
  /** Typed into the start form in this window; the host never sends a password back. */
  password: string;
}

/**
 * One click from a running local broker to a working connection, through the same
 * connect request the connection form uses. (A saved "Local broker" profile replaces this
 * once profiles exist.)
 */
export function ConnectToLocalBroker({ status, password }: Props) {
  const { t } = useTranslation();
  const open = useOpenConnection();
  const { remember } = useConnectionsOfThisPage();
  const editor = useProfileEditor();
  const { status: current, opening } = useCurrentConnection();
  const listeners = status.listeners;
  const live = opening || current?.state === 'connected' || current?.state === 'reconnecting';
  const busy = live || open.isPending || !listeners;

  const connect = () => {
    if (busy) return;
    const options: ConnectOptions = {
      transport: 'mqtt',
      host: '127.0.0.1',
      port: listeners.tcpPort,
      clientId: '',
      ...(status.username ? { username: status.username } : {}),
      ...(status.username && password ? { password } : {}),
    };
    open.mutate(options, {
      // The form shows the real host, port and transport of this connection.
      onSuccess: (opened) => {
        const draft = { ...newDraft(), values: fromConnectOptions(options) };
        const form = { draft, baseline: draft };
        remember(opened.connectionId, form);
        editor.show(form);
      },
    });
  };

  return (
    <>
      <button
        type="button"
        className="button-primary"
        aria-disabled={busy}
        title={live ? t('broker.connect.disconnectFirst') : undefined}
        onClick={connect}
      >
        {t('broker.connect.button')}
      </button>
      {open.isError && (
        <p className="field-problem" role="alert">
          {errorText(open.error)}
        </p>
      )}
    </>
  );
}
