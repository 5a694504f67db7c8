import { i18n } from '../i18n';
import { engineText } from '../i18n/engine-text';
import { formatBytes } from '../i18n/format';
import type { ConnackInfo, ProtocolVersion } from '../../electron/contract';

export interface ConnackFact {
  label: string;
  value: string;
  /** True when the broker did not say and MQTT 5's default applies: shown quieter. */
  implied?: boolean;
}

const hex = (code: number) => `0x${code.toString(16).padStart(2, '0')}`;
const yesNo = (value: boolean) =>
  value ? i18n.t('connections.connack.yes') : i18n.t('connections.connack.no');

/** The reason code with its meaning, always with the code: "Success (0x00)". */
export function connackReason(connack: ConnackInfo): string {
  return engineText({
    key: 'reasonCode',
    params: { nameKey: connack.reasonText.key, ...connack.reasonText.params, hex: hex(connack.reasonCode) },
  });
}

/**
 * What the broker said in its CONNACK, row by row. In MQTT 5 an absent limit means the
 * protocol's default (§3.2.2.3), so those rows say "(default)" rather than pretend the broker
 * stated them; MQTT 3 has no such properties, so they are left out.
 */
export function connackFacts(connack: ConnackInfo, protocolVersion: ProtocolVersion): ConnackFact[] {
  const facts: ConnackFact[] = [
    { label: i18n.t('connections.connack.reason'), value: connackReason(connack) },
    { label: i18n.t('connections.connack.sessionPresent'), value: yesNo(connack.sessionPresent) },
  ];
  if (connack.assignedClientId !== undefined) {
    facts.push({ label: i18n.t('connections.connack.assignedClientId'), value: connack.assignedClientId });
  }
  if (connack.serverKeepalive !== undefined) {
    facts.push({
      label: i18n.t('connections.connack.serverKeepalive'),
      value: i18n.t('format.secondsExact', { value: connack.serverKeepalive }),
    });
  }
  if (connack.sessionExpiryInterval !== undefined) {
    facts.push({
      label: i18n.t('connections.connack.sessionExpiry'),
      value: i18n.t('format.secondsExact', { value: connack.sessionExpiryInterval }),
    });
  }
  if (protocolVersion !== '5.0') return facts;

  const limit = (label: string, stated: string | undefined, fallback: string) =>
    facts.push(
      stated === undefined
        ? { label, value: i18n.t('connections.connack.default', { value: fallback }), implied: true }
        : { label, value: stated },
    );
  const flag = (value: boolean | undefined) => (value === undefined ? undefined : yesNo(value));
  limit(i18n.t('connections.connack.maximumQos'), connack.maximumQos?.toString(), '2');
  limit(i18n.t('connections.connack.retainAvailable'), flag(connack.retainAvailable), yesNo(true));
  limit(
    i18n.t('connections.connack.wildcardSubscriptions'),
    flag(connack.wildcardSubscriptionAvailable),
    yesNo(true),
  );
  limit(
    i18n.t('connections.connack.sharedSubscriptions'),
    flag(connack.sharedSubscriptionAvailable),
    yesNo(true),
  );
  limit(
    i18n.t('connections.connack.subscriptionIdentifiers'),
    flag(connack.subscriptionIdentifiersAvailable),
    yesNo(true),
  );
  limit(i18n.t('connections.connack.topicAliasMaximum'), connack.topicAliasMaximum?.toString(), '0');
  limit(i18n.t('connections.connack.receiveMaximum'), connack.receiveMaximum?.toString(), '65535');
  limit(
    i18n.t('connections.connack.maximumPacketSize'),
    connack.maximumPacketSize === undefined ? undefined : formatBytes(connack.maximumPacketSize),
    i18n.t('connections.connack.noLimit'),
  );
  if (connack.responseInformation !== undefined) {
    facts.push({
      label: i18n.t('connections.connack.responseInformation'),
      value: connack.responseInformation,
    });
  }
  if (connack.serverReference !== undefined) {
    facts.push({ label: i18n.t('connections.connack.serverReference'), value: connack.serverReference });
  }
  if (connack.reasonString !== undefined)
    facts.push({ label: i18n.t('connections.connack.reasonString'), value: connack.reasonString });
  return facts;
}
