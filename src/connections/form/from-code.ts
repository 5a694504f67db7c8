/**
 * "From code" marks: a field a code import left empty because the code computes it when it
 * runs (`mqtt.connect(url, ...)`). The mark names the expression, so the user knows what to
 * look up before filling the field in.
 */
import type { ConnectField } from '../connect-form-values';

export type FromCodeMarks = Partial<Record<ConnectField, string>>;

/** ProfileOptions paths (the import's `field`) → the form field that shows them. */
const FORM_FIELD: Record<string, ConnectField> = {
  host: 'host',
  port: 'port',
  transport: 'transport',
  path: 'path',
  protocolVersion: 'protocolVersion',
  clientId: 'clientId',
  username: 'username',
  password: 'password',
  keepaliveSeconds: 'keepalive',
  connectTimeoutMs: 'connectTimeout',
  'reconnect.periodMs': 'reconnectPeriod',
  clean: 'clean',
  sessionExpirySeconds: 'sessionExpiry',
  wsHeaders: 'wsHeaders',
  'tls.verifyServer': 'verifyServer',
  'tls.ca': 'ca',
  'tls.cert': 'cert',
  'tls.key': 'key',
  'tls.passphrase': 'passphrase',
  'tls.servername': 'servername',
  'tls.alpnProtocols': 'alpn',
  will: 'willTopic',
  'will.topic': 'willTopic',
  'will.payload': 'willPayload',
  'will.qos': 'willQos',
  'will.retain': 'willRetain',
  'will.properties': 'willDelayInterval',
  'will.properties.willDelayInterval': 'willDelayInterval',
  'will.properties.messageExpiryInterval': 'willMessageExpiry',
  'will.properties.contentType': 'willContentType',
  'will.properties.responseTopic': 'willResponseTopic',
  'will.properties.correlationData': 'willCorrelationData',
  'will.properties.payloadFormatIndicator': 'willPayloadIsUtf8',
  'will.properties.userProperties': 'willUserProperties',
  connectProperties: 'receiveMaximum',
  'connectProperties.receiveMaximum': 'receiveMaximum',
  'connectProperties.maximumPacketSize': 'maximumPacketSize',
  'connectProperties.topicAliasMaximum': 'topicAliasMaximum',
  'connectProperties.requestResponseInformation': 'requestResponseInformation',
  'connectProperties.requestProblemInformation': 'requestProblemInformation',
  'connectProperties.userProperties': 'userProperties',
};

export function formFieldOf(path: string): ConnectField | undefined {
  return FORM_FIELD[path];
}
