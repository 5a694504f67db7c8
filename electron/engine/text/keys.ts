/**
 * Every sentence the engine can emit, as a key of the `engine` locale area
 * (`src/i18n/locales/<lang>/engine.json`). This is the one table: `text()` accepts only
 * these keys, and a unit test checks each one exists in every language.
 */
import type { ConnectionState, EngineText, TextParams } from '../../contract';
import { SENTENCE_KEYS } from './sentence-keys';

/** MQTT 3.1 / 3.1.1 CONNACK return codes (§3.2.2.3) with a sentence. */
export const CONNACK_V3_CODES = [1, 2, 3, 4, 5] as const;
/** MQTT 5 reason codes (§2.4) that CONNACK and DISCONNECT carry, with a sentence. */
export const REASON_SENTENCE_CODES = [
  0x04, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90,
  0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f, 0xa0, 0xa1, 0xa2,
] as const;
/** MQTT 5 reason codes (§2.4) with a short name, for SUBACK, PUBACK and the like. */
export const REASON_NAME_CODES = [
  0x00, 0x01, 0x02, 0x04, 0x10, 0x11, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b,
  0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9d,
  0x9e, 0x9f, 0xa0, 0xa1, 0xa2,
] as const;
/** Node/OpenSSL socket error codes with a sentence of their own. */
export const SOCKET_CODES = [
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
  'ERR_OSSL_BAD_DECRYPT',
  'ERR_OSSL_PEM_NO_START_LINE',
  'ERR_OSSL_X509_KEY_VALUES_MISMATCH',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
] as const;

/** Fixed keys and the parameters each sentence splices in (`fooKey` names a nested key). */
export const FIXED_KEYS = {
  'reasonName.unknown': [],
  'refused.v3': ['code'],
  'refused.v5': ['hex'],
  'disconnect.unknown': ['hex'],
  'disconnect.said': ['baseKey', 'said'],
  reasonCode: ['nameKey', 'hex'],
  'error.keepaliveTimeout': [],
  'error.socket': ['detail'],
  'error.other': ['detail'],
  'error.notMqtt': ['detail'],
  'error.connackTimeout': ['seconds'],
  'error.keepaliveExpired': [],
  'error.connectionLost': [],
  'error.closedBeforeAccept': [],
  'violation.v5': ['whatKey', 'section', 'nameKey', 'hex'],
  'violation.v5NoReason': ['whatKey', 'section'],
  'violation.v3': ['whatKey', 'section'],
  'violation.v3TooLarge': ['whatKey'],
  'violation.what.remainingLengthTooLong': [],
  'violation.what.beforeConnack': ['packet'],
  'violation.what.reservedType': ['type'],
  'violation.what.publishQos3': [],
  'violation.what.wrongFlags': ['packet', 'flags'],
  'violation.what.clientOnly': ['packet'],
  'violation.what.secondConnack': [],
  'violation.what.tooLarge': ['packet', 'size', 'limit'],
  'violation.what.pingrespBody': ['length'],
  'violation.what.badLength': ['packet', 'length'],
  'violation.what.publishTooShort': ['length'],
  'violation.what.publishIdZero': ['qos'],
  'violation.what.emptyTopic': [],
  'violation.what.emptyTopicNoAlias': [],
  'violation.what.topicNotUtf8': [],
  'violation.what.topicNul': [],
  'violation.what.topicWildcard': [],
  'violation.what.topicPastEnd': [],
  'violation.what.notMqttBytes': ['shown'],
  'violation.what.unparsable': ['detail'],
  'violation.what.parserRefused': ['detail'],
  'violation.what.wrongAck': ['ack', 'id', 'pending'],
  'error.notMqttSent': ['whatKey'],
  'violation.clientDetected': ['detail', 'nameKey', 'hex'],
  'connState.idle': [],
  'connState.connecting': [],
  'connState.connected': [],
  'connState.reconnecting': [],
  'connState.disconnected': [],
  'connState.failed': [],
  'state.notYet': [],
  'state.connecting': ['url'],
  'state.connected': [],
  'state.connectedKept': [],
  'state.reconnected': [],
  'state.reconnectedKept': [],
  'state.couldNotConnect': [],
  'state.refused': [],
  'state.protocolBroken': [],
  'state.stalledDropped': [],
  'state.reconnectingS': ['seconds', 'attempt', 'max'],
  'state.reconnectingMs': ['ms', 'attempt', 'max'],
  'state.gaveUp': ['max'],
  'state.disconnectedByBroker': [],
  'state.lost': [],
  'state.byYou': [],
  'state.removed': [],
  'state.shuttingDown': [],
  'state.orphaned': ['minutes'],
  'state.dropped': [],
  'state.stalled': ['seconds'],
  'state.withWill': [],
  'state.observerDone': [],
  'tls.caNotPem': [],
  'tls.passphraseWrong': [],
  'tls.keyEncrypted': [],
  'tls.keyNotPem': [],
  'tls.certNotPem': [],
  'tls.keyMissing': [],
  'tls.certMissing': [],
  'tls.certKeyMismatch': [],
  'localBroker.portInUseFree': ['port', 'listener', 'free'],
  'localBroker.portInUseNoFree': ['port', 'listener'],
  'localBroker.accessDenied': ['port'],
  'localBroker.couldNotStart': ['detail'],
  'localBroker.mosquittoMissing': [],
  'localBroker.mosquittoExited': ['why'],
  'secrets.fileKey': ['path'],
  'secrets.basicText': [],
  'secrets.keyring': [],
  'secrets.noKeyring': ['fallbackKey'],
  'request.noConnection': ['id'],
  'request.notConnected': ['id', 'stateKey'],
  'request.stalled': [],
  'request.willNeedsV5': [],
  'request.noWill': [],
  'request.keepaliveZero': [],
  'request.observerFailed': ['whyKey'],
  'lab.when.afterDelay': ['delay'],
  'lab.when.sessionEnds': ['delay', 'expiry'],
  'lab.when.atOnce': [],
  'lab.expect.drop': ['whenKey', 'delay', 'expiry'],
  'lab.expect.disconnectWithWill': ['whenKey', 'delay', 'expiry'],
  'lab.expect.stall': ['limit', 'whenKey', 'delay', 'expiry'],
  'lab.expect.disconnect': [],
  'lab.since.action': [],
  'lab.since.lastPacket': [],
  'lab.verdict.willAfterNormal': ['after'],
  'lab.verdict.noWillAsSpecified': ['observed'],
  'lab.verdict.noWill': ['observed'],
  'lab.verdict.lastPacketUnknown': [],
  'lab.verdict.early': ['measured', 'sinceKey', 'earliest', 'latest'],
  'lab.verdict.late': ['measured', 'sinceKey', 'earliest', 'latest'],
  'lab.verdict.lateStall': ['measured', 'sinceKey', 'earliest', 'latest'],
  'lab.verdict.asSpecified': ['measured', 'sinceKey', 'earliest', 'latest'],
  'record.notARecording': ['name'],
  'desktop.onlyInDesktop': [],
  'scripts.notYet': [],
  'scripts.error.time': ['ms'],
  'scripts.error.memory': ['mb'],
  'scripts.error.stack': [],
  'scripts.error.payloadTooLarge': ['mb'],
  'scripts.error.notKept': ['seq'],
  'scripts.error.noAnswer': [],
  'scripts.error.refused': ['call', 'whyKey'],
  'scripts.error.refusedAt': ['call', 'path', 'whyKey'],
  'scripts.error.devicesOnly': [],
  'scripts.error.subscribeFailed': ['filter', 'detail'],
  'scripts.error.publishFailed': ['topic', 'detail'],
  'scripts.error.stopped': [],
  'scripts.error.replaced': [],
  'scripts.error.noAnswerInTime': [],
  'scripts.error.workerShutDown': [],
  'scripts.error.workerStopped': ['detail'],
  'scripts.error.startTimeout': ['seconds'],
  'scripts.error.callLimits': ['publishes', 'logs'],
  'scripts.error.timers': ['max'],
  'scripts.error.budget': ['ms'],
  'scripts.error.valueTooLarge': ['kb'],
  'scripts.error.gone': [],
  'scripts.noDataDir': [],
  'scripts.notFound': ['id'],
  'scripts.wrongKind': ['name', 'kind', 'wanted'],
  'scripts.notRunning': ['id'],
  'scripts.byYou': [],
  'scripts.connectionEnded': [],
  'scripts.deleted': [],
  'scripts.shuttingDown': [],
  'scripts.failedToLoad': ['detail'],
  'scripts.deviceLost': ['detail'],
  'scripts.workerDied': ['detail'],
  // The broker check's findings (Issue 14), group by group.
  'check.retained.noneDelivered': [],
  'check.retained.noRetainFlag': [],
  'check.retained.delivered': [],
  'check.retained.onlyNewer': [],
  'check.retained.gotInsteadOfNew': ['payloads'],
  'check.retained.cleared': [],
  'check.retained.stillGot': ['payloads'],
  'check.retained.handlingAsSpecified': ['first', 'second'],
  'check.retained.handlingExpected': ['wantFirst', 'wantSecond', 'first', 'second'],
  'check.retained.rapDeliveryFailed': ['plainKey', 'rapKey'],
  'check.retained.gotIt': [],
  'check.retained.gotNothing': [],
  'check.retained.rap': ['plain', 'rap'],
  'check.retained.rapDiffers': ['plain', 'rap'],
  'check.will.noWillWithin': ['seconds'],
  'check.will.arrivedAfterDrop': ['ms'],
  'check.will.noneAfterDisconnect': [],
  'check.will.publishedAfterDisconnect': [],
  'check.will.noWillAfter04': ['seconds'],
  'check.will.arrivedAfter04': ['ms'],
  'check.will.noneArrived': [],
  'check.will.carriedDelay': [],
  'check.will.lostUserProperty': [],
  'check.will.propertiesKept': [],
  'check.will.early': ['seconds', 'delay'],
  'check.will.late': ['seconds', 'delay'],
  'check.will.onTime': ['seconds', 'delay'],
  'check.will.publishedDespiteReconnect': ['seconds'],
  'check.will.cancelledByReconnect': ['delay'],
  ...SENTENCE_KEYS,
} as const satisfies Record<string, readonly string[]>;

export type FixedKey = keyof typeof FIXED_KEYS;
type CodeKey =
  | `connackV3.${(typeof CONNACK_V3_CODES)[number]}`
  | `reason.x${string}`
  | `reasonName.x${string}`
  | `socket.${(typeof SOCKET_CODES)[number]}`;
export type EngineKey = FixedKey | CodeKey;

/** `0x87` → `x87`: the locale files name reason codes this way. */
export const codeSlug = (code: number): `x${string}` => `x${code.toString(16).padStart(2, '0')}`;

/** Every key the engine can emit, with its parameters: what the locale test enumerates. */
export function allEngineKeys(): Map<string, readonly string[]> {
  const all = new Map<string, readonly string[]>(Object.entries(FIXED_KEYS));
  for (const code of CONNACK_V3_CODES) all.set(`connackV3.${code}`, []);
  for (const code of REASON_SENTENCE_CODES) all.set(`reason.${codeSlug(code)}`, []);
  for (const code of REASON_NAME_CODES) all.set(`reasonName.${codeSlug(code)}`, []);
  for (const code of SOCKET_CODES) all.set(`socket.${code}`, []);
  return all;
}

/** An engine sentence for the contract: a key of the table above and its parameters. */
export function text(key: EngineKey, params: TextParams = {}): EngineText {
  return { key, params };
}

/** A connection state as a key of its own, for a sentence that names it (`stateKey` parameter). */
export const stateKey = (state: ConnectionState): `connState.${ConnectionState}` => `connState.${state}`;
