import type { ConnackInfo, ProtocolVersion } from '../../electron/contract';

export interface ConnackFact {
  label: string;
  value: string;
  /** True when the broker did not say and MQTT 5's default applies: shown quieter. */
  implied?: boolean;
}

const hex = (code: number) => `0x${code.toString(16).padStart(2, '0')}`;
const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** The reason code with its meaning, always with the code: "Success (0x00)". */
export function connackReason(connack: ConnackInfo): string {
  return /\(0x[0-9a-f]+\)$/i.test(connack.reasonText)
    ? connack.reasonText
    : `${connack.reasonText} (${hex(connack.reasonCode)})`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / 1024 / 102.4) / 10} MB`;
}

/**
 * What the broker said in its CONNACK, row by row. In MQTT 5 an absent limit means the
 * protocol's default (§3.2.2.3), so those rows say "(default)" rather than pretend the broker
 * stated them; MQTT 3 has no such properties, so they are left out.
 */
export function connackFacts(connack: ConnackInfo, protocolVersion: ProtocolVersion): ConnackFact[] {
  const facts: ConnackFact[] = [
    { label: 'Reason', value: connackReason(connack) },
    { label: 'Session present', value: yesNo(connack.sessionPresent) },
  ];
  if (connack.assignedClientId !== undefined) {
    facts.push({ label: 'Assigned client ID', value: connack.assignedClientId });
  }
  if (connack.serverKeepalive !== undefined) {
    facts.push({ label: 'Server keepalive', value: `${connack.serverKeepalive} s` });
  }
  if (connack.sessionExpiryInterval !== undefined) {
    facts.push({ label: 'Session expiry', value: `${connack.sessionExpiryInterval} s` });
  }
  if (protocolVersion !== '5.0') return facts;

  const limit = (label: string, stated: string | undefined, fallback: string) =>
    facts.push(
      stated === undefined
        ? { label, value: `${fallback} (default)`, implied: true }
        : { label, value: stated },
    );
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : yesNo(value));
  limit('Maximum QoS', connack.maximumQos?.toString(), '2');
  limit('Retain available', flag(connack.retainAvailable), 'yes');
  limit('Wildcard subscriptions', flag(connack.wildcardSubscriptionAvailable), 'yes');
  limit('Shared subscriptions', flag(connack.sharedSubscriptionAvailable), 'yes');
  limit('Subscription identifiers', flag(connack.subscriptionIdentifiersAvailable), 'yes');
  limit('Topic alias maximum', connack.topicAliasMaximum?.toString(), '0');
  limit('Receive maximum', connack.receiveMaximum?.toString(), '65535');
  limit(
    'Maximum packet size',
    connack.maximumPacketSize === undefined ? undefined : formatBytes(connack.maximumPacketSize),
    'no limit',
  );
  if (connack.responseInformation !== undefined) {
    facts.push({ label: 'Response information', value: connack.responseInformation });
  }
  if (connack.serverReference !== undefined) {
    facts.push({ label: 'Server reference', value: connack.serverReference });
  }
  if (connack.reasonString !== undefined) facts.push({ label: 'Reason string', value: connack.reasonString });
  return facts;
}
