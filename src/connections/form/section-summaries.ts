import { i18n } from '../../i18n';
import { hasWill, isTlsTransport, type ConnectFormValues, type FormSection } from '../connect-form-values';

/** The few words a folded section shows, so the form can stay short and still say what is set. */
export function sectionSummary(section: FormSection, values: ConnectFormValues): string {
  switch (section) {
    case 'general':
    case 'credentials':
      return '';
    case 'tls': {
      if (!isTlsTransport(values.transport)) return i18n.t('connections.summary.notUsed');
      if (!values.verifyServer) return i18n.t('connections.summary.tlsNotVerified');
      const parts = [i18n.t('connections.summary.tlsVerify')];
      if (values.ca.text.trim()) parts.push(i18n.t('connections.summary.tlsOwnCa'));
      if (values.cert.text.trim()) parts.push(i18n.t('connections.summary.tlsClientCert'));
      return parts.join(' · ');
    }
    case 'will':
      return hasWill(values)
        ? values.willTopic || i18n.t('connections.summary.willNoTopic')
        : i18n.t('connections.summary.none');
    case 'advanced': {
      const attempts = values.reconnectMaxAttempts.trim();
      const reconnect =
        attempts === '0' || attempts === ''
          ? i18n.t('connections.summary.reconnectOff')
          : i18n.t('connections.summary.reconnectTimes', { attempts });
      return i18n.t('connections.summary.advanced', {
        keepalive: values.keepalive.trim() || '?',
        session: values.clean
          ? i18n.t('connections.summary.clean')
          : i18n.t('connections.summary.persistent'),
        reconnect,
      });
    }
    case 'mqtt5': {
      if (values.protocolVersion !== '5.0') return i18n.t('connections.summary.notUsed');
      const set = [
        values.receiveMaximum.trim(),
        values.maximumPacketSize.trim(),
        values.topicAliasMaximum.trim(),
        values.requestResponseInformation ? 'x' : '',
        values.requestProblemInformation ? '' : 'x',
        values.userProperties.some((r) => r.key !== '') ? 'x' : '',
      ].filter(Boolean).length;
      return set === 0
        ? i18n.t('connections.summary.defaults')
        : i18n.t('connections.summary.set', { count: set });
    }
  }
}
