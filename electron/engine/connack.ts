import type { IConnackPacket } from 'mqtt';
import type { ConnackInfo } from '../contract';
import { reasonNameKey } from './errors';
import { text } from './text/keys';

/** The CONNACK as the UI shows it: session present, reason, and the broker's limits. */
export function connackInfo(packet: IConnackPacket, protocolVersion: number): ConnackInfo {
  const code = (protocolVersion === 5 ? packet.reasonCode : packet.returnCode) ?? 0;
  const p = packet.properties;
  const info: ConnackInfo = {
    sessionPresent: packet.sessionPresent,
    reasonCode: code,
    reasonText: text(reasonNameKey(code)),
  };
  if (!p) return info;
  const optional: Partial<ConnackInfo> = {
    assignedClientId: p.assignedClientIdentifier,
    serverKeepalive: p.serverKeepAlive,
    sessionExpiryInterval: p.sessionExpiryInterval,
    maximumQos: p.maximumQoS,
    retainAvailable: p.retainAvailable,
    wildcardSubscriptionAvailable: p.wildcardSubscriptionAvailable,
    sharedSubscriptionAvailable: p.sharedSubscriptionAvailable,
    subscriptionIdentifiersAvailable: p.subscriptionIdentifiersAvailable,
    topicAliasMaximum: p.topicAliasMaximum,
    receiveMaximum: p.receiveMaximum,
    maximumPacketSize: p.maximumPacketSize,
    responseInformation: p.responseInformation,
    serverReference: p.serverReference,
    reasonString: p.reasonString,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(info, { [key]: value });
  }
  return info;
}
