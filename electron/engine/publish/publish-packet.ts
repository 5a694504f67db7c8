import type { IClientPublishOptions } from 'mqtt';
import { encodePayload, type ParsedRequestInput } from '../../contract';
import { EngineError } from '../errors';
import { userPropertiesToPacket } from '../properties';
import { text } from '../text/keys';

type PublishInput = ParsedRequestInput<'message.publish'>;

/** A publish request checked and turned into what mqtt.js sends; bad input throws at once. */
export function publishPacket(
  input: PublishInput,
  v5: boolean,
): { payload: Buffer; options: IClientPublishOptions } {
  const encoded = encodePayload(input.payload);
  if (!encoded.ok) throw new EngineError('invalid-input', encoded.problem);
  if (input.properties && !v5) {
    throw new EngineError('invalid-input', text('publish.v5PropsNeedV5'));
  }
  const p = input.properties;
  const properties = p && {
    ...(p.payloadFormatIndicator !== undefined && { payloadFormatIndicator: p.payloadFormatIndicator }),
    ...(p.messageExpiryInterval !== undefined && { messageExpiryInterval: p.messageExpiryInterval }),
    ...(p.topicAlias !== undefined && { topicAlias: p.topicAlias }),
    ...(p.responseTopic !== undefined && { responseTopic: p.responseTopic }),
    ...(p.correlationData !== undefined && { correlationData: Buffer.from(p.correlationData) }),
    ...(p.userProperties?.length && { userProperties: userPropertiesToPacket(p.userProperties) }),
    ...(p.contentType !== undefined && { contentType: p.contentType }),
  };
  return {
    payload: Buffer.from(encoded.bytes),
    options: { qos: input.qos, retain: input.retain, ...(properties && { properties }) },
  };
}
