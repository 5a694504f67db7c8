import type { IPublishPacket } from 'mqtt';
import type { MessageProperties, UserProperties } from '../contract';

type PacketProperties = NonNullable<IPublishPacket['properties']>;
type PacketUserProperties = NonNullable<PacketProperties['userProperties']>;

/** mqtt-packet folds repeated keys into arrays; the contract keeps ordered pairs. */
export function userPropertiesFromPacket(props: PacketUserProperties): UserProperties {
  return Object.entries(props).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => ({ key, value: String(v) })),
  );
}

export function userPropertiesToPacket(pairs: UserProperties): PacketUserProperties {
  // Keys are the user's: "constructor" or "__proto__" must be plain keys, not Object's own.
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const { key, value } of pairs) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else out[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** A received PUBLISH's properties in the contract's shape; bytes copied off the socket. */
export function messagePropertiesFromPacket(
  props: PacketProperties | undefined,
): MessageProperties | undefined {
  if (!props) return undefined;
  const out: MessageProperties = {};
  if (props.payloadFormatIndicator !== undefined) out.payloadFormatIndicator = props.payloadFormatIndicator;
  if (props.messageExpiryInterval !== undefined) out.messageExpiryInterval = props.messageExpiryInterval;
  if (props.topicAlias !== undefined) out.topicAlias = props.topicAlias;
  if (props.responseTopic !== undefined) out.responseTopic = props.responseTopic;
  if (props.correlationData !== undefined) out.correlationData = new Uint8Array(props.correlationData);
  if (props.userProperties !== undefined) out.userProperties = userPropertiesFromPacket(props.userProperties);
  if (props.contentType !== undefined) out.contentType = props.contentType;
  if (props.subscriptionIdentifier !== undefined) {
    const ids = props.subscriptionIdentifier;
    out.subscriptionIdentifiers = Array.isArray(ids) ? ids : [ids];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
