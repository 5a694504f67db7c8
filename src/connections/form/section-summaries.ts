import { hasWill, isTlsTransport, type ConnectFormValues, type FormSection } from '../connect-form-values';

/** The few words a folded section shows, so the form can stay short and still say what is set. */
export function sectionSummary(section: FormSection, values: ConnectFormValues): string {
  switch (section) {
    case 'general':
    case 'credentials':
      return '';
    case 'tls': {
      if (!isTlsTransport(values.transport)) return 'not used';
      if (!values.verifyServer) return 'server NOT verified';
      const parts = ['verify server'];
      if (values.ca.text.trim()) parts.push('own CA');
      if (values.cert.text.trim()) parts.push('client cert');
      return parts.join(' · ');
    }
    case 'will':
      return hasWill(values) ? values.willTopic || '(no topic)' : 'none';
    case 'advanced': {
      const attempts = values.reconnectMaxAttempts.trim();
      const reconnect = attempts === '0' || attempts === '' ? 'reconnect off' : `reconnect ×${attempts}`;
      return `keepalive ${values.keepalive.trim() || '?'} s · ${values.clean ? 'clean' : 'persistent'} · ${reconnect}`;
    }
    case 'mqtt5': {
      if (values.protocolVersion !== '5.0') return 'not used';
      const set = [
        values.receiveMaximum.trim(),
        values.maximumPacketSize.trim(),
        values.topicAliasMaximum.trim(),
        values.requestResponseInformation ? 'x' : '',
        values.requestProblemInformation ? '' : 'x',
        values.userProperties.some((r) => r.key !== '') ? 'x' : '',
      ].filter(Boolean).length;
      return set === 0 ? 'defaults' : `${set} set`;
    }
  }
}
