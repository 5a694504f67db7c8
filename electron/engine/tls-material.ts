import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { Problem } from '../contract';
import { ProblemError } from './errors';

export interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
  passphrase?: string;
}

/**
 * Checks TLS material the way the socket will load it, before connecting, so that a wrong
 * passphrase or a non-PEM file is named in a sentence instead of surfacing as raw OpenSSL
 * text from inside mqtt.js (which used to leave the connection "connecting" forever).
 * Throws a ProblemError; returns nothing when the material is usable.
 */
export function checkTlsMaterial(material: TlsMaterial): void {
  const { ca, cert, key, passphrase } = material;
  // OpenSSL skips a CA bundle with no certificate in it without a word; the handshake would
  // then fail as "not signed by a trusted CA", which hides the real cause.
  if (ca !== undefined && !ca.includes('-----BEGIN CERTIFICATE-----')) {
    fail(
      'TLS_CA_NOT_PEM',
      'The CA certificate is not a PEM certificate (no "-----BEGIN CERTIFICATE-----" line).',
    );
  }
  if (key !== undefined) {
    attempt({ key, ...(passphrase !== undefined && { passphrase }) }, (code) =>
      code === 'ERR_OSSL_BAD_DECRYPT'
        ? passphrase
          ? 'The private key passphrase is wrong.'
          : 'The private key is encrypted: enter its passphrase.'
        : 'The private key is not a PEM private key (or is damaged).',
    );
  }
  if (cert !== undefined) attempt({ cert }, () => 'The client certificate is not a PEM certificate.');
  if (cert !== undefined && key === undefined) {
    fail('TLS_KEY_MISSING', 'A client certificate needs its private key: add the key file.');
  }
  if (key !== undefined && cert === undefined) {
    fail('TLS_CERT_MISSING', 'A private key needs its client certificate: add the certificate file.');
  }
  // OpenSSL only notices a mismatch between keys of one algorithm (an RSA key beside an EC
  // certificate loads into another slot), so compare the certificate's public key itself.
  if (cert !== undefined && key !== undefined && !certificateMatches(cert, key, passphrase)) {
    fail('TLS_CERT_KEY_MISMATCH', 'The client certificate does not match the private key.');
  }
}

function certificateMatches(cert: string, key: string, passphrase: string | undefined): boolean {
  try {
    const privateKey = createPrivateKey({ key, ...(passphrase !== undefined && { passphrase }) });
    return new X509Certificate(cert).checkPrivateKey(privateKey);
  } catch {
    // Both loaded into a TLS context above; a form this check cannot read is left to the handshake.
    return true;
  }
}

function attempt(
  options: Parameters<typeof createSecureContext>[0],
  sentence: (code: string) => string,
): void {
  try {
    createSecureContext(options);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const known = typeof code === 'string' ? code : 'TLS_MATERIAL';
    fail(known, sentence(known));
  }
}

function fail(code: string, message: string): never {
  const problem: Problem = { code, message };
  throw new ProblemError(problem);
}
