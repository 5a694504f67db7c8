/**
 * Trust #8: unusable TLS material (a wrong or missing key passphrase, a non-PEM key or
 * certificate, a certificate that does not match its key) fails `connection.open` at once,
 * in state "failed", with a sentence that names the material, never raw OpenSSL text and
 * never "connecting" forever. The working cases connect to Mosquitto's mutual-TLS listener.
 */
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { englishOf } from '../support/english';
import { describe, expect, it } from 'vitest';
import { ConnectOptionsSchema, type ConnectOptions, type ConnectionStatus } from '../../electron/contract';
import { createEngine } from '../../electron/engine';
import { MqttConnection } from '../../electron/engine/connection';
import { createDispatch } from '../../electron/host/dispatch';
import { MOSQUITTO_MISSING, mosquittoAvailable } from '../support/mosquitto';
import { useEngineSession } from '../support/engine-session';

const available = mosquittoAvailable();
if (!available) console.warn(MOSQUITTO_MISSING);

const pem = (text: string) => ({ kind: 'pem' as const, pem: text });

describe.skipIf(!available)('TLS material is checked before connecting (Trust #8)', () => {
  const session = useEngineSession();

  const mutual = (tls: NonNullable<ConnectOptions['tls']>) =>
    session.tcp({
      transport: 'mqtts',
      host: 'localhost',
      port: session.broker.ports.mqttsMutual,
      tls: { ca: pem(session.broker.caPem), ...tls },
    });
  const encryptedKey = () =>
    createPrivateKey(session.broker.clientKeyPem).export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'right horse',
    }) as string;

  async function failsWith(tls: NonNullable<ConnectOptions['tls']>, code: string, message: RegExp) {
    const status = await session.open(mutual(tls));
    expect(status.state).toBe('failed');
    expect(status.problem?.code).toBe(code);
    expect(englishOf(status.problem)).toMatch(message);
    expect(englishOf(status.problem)).not.toMatch(/error:[0-9A-F]{8}|routines::/);
    // The last word on the connection is the failure, not "connecting".
    expect(session.statusesOf(status.connectionId).at(-1)?.state).toBe('failed');
  }

  it('connects with an encrypted key and its passphrase', async () => {
    await session.openConnected(
      mutual({
        cert: pem(session.broker.clientCertPem),
        key: pem(encryptedKey()),
        passphrase: 'right horse',
      }),
    );
  });

  it('a missing passphrase says the key is encrypted', async () => {
    await failsWith(
      { cert: pem(session.broker.clientCertPem), key: pem(encryptedKey()) },
      'ERR_OSSL_BAD_DECRYPT',
      /^The private key is encrypted: enter its passphrase\.$/,
    );
  });

  it('a wrong passphrase says so', async () => {
    await failsWith(
      { cert: pem(session.broker.clientCertPem), key: pem(encryptedKey()), passphrase: 'wrong' },
      'ERR_OSSL_BAD_DECRYPT',
      /^The private key passphrase is wrong\.$/,
    );
  });

  it('a key that is not PEM', async () => {
    await failsWith(
      { cert: pem(session.broker.clientCertPem), key: pem('not a key at all') },
      'ERR_OSSL_UNSUPPORTED',
      /private key is not a PEM private key/,
    );
  });

  it('a client certificate that is not PEM', async () => {
    await failsWith(
      { cert: pem('not a certificate'), key: pem(session.broker.clientKeyPem) },
      'ERR_OSSL_PEM_NO_START_LINE',
      /client certificate is not a PEM certificate/,
    );
  });

  it('a client certificate that does not match the key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const otherKey = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    await failsWith(
      { cert: pem(session.broker.clientCertPem), key: pem(otherKey) },
      'TLS_CERT_KEY_MISMATCH',
      /^The client certificate does not match the private key\.$/,
    );
  });

  it('a CA file that holds no PEM certificate', async () => {
    await failsWith({ ca: pem('garbage') }, 'TLS_CA_NOT_PEM', /CA certificate is not a PEM certificate/);
  });

  it('a certificate without its key', async () => {
    await failsWith({ cert: pem(session.broker.clientCertPem) }, 'TLS_KEY_MISSING', /needs its private key/);
  });
});

describe('a throw while the socket is made (Trust #8)', () => {
  it('the contract refuses a header value Node would throw on', async () => {
    const engine = createEngine({ host: 'web', version: 'test' });
    try {
      const dispatch = createDispatch(engine.handlers);
      const opened = await dispatch('connection.open', {
        transport: 'ws',
        host: '127.0.0.1',
        port: 1,
        wsHeaders: [{ key: 'X-Probe', value: 'a\nb' }],
      });
      expect(opened).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    } finally {
      await engine.dispose();
    }
  });

  it('ends in "failed" with the reason, never "connecting" forever', async () => {
    // A throw the contract does not foresee: the connection itself is handed (past the
    // contract) a header value that Node's HTTP client refuses while the socket is made.
    const statuses: ConnectionStatus[] = [];
    const options = ConnectOptionsSchema.parse({ transport: 'ws', host: '127.0.0.1', port: 1 });
    const connection = new MqttConnection(
      'conn-throw',
      { ...options, wsHeaders: [{ key: 'X-Probe', value: 'a\nb' }] },
      {
        onStatus: (status) => statuses.push(status),
        onMessages: () => undefined,
        onSubscriptions: () => undefined,
        onPackets: () => undefined,
      },
    );
    try {
      const status = await connection.open();
      expect(status.state).toBe('failed');
      expect(status.problem?.code).toBe('ERR_INVALID_CHAR');
      expect(statuses.at(-1)?.state).toBe('failed');
    } finally {
      await connection.close();
    }
  });
});
