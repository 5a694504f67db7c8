import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { Problem } from '../contract';
import { text, type FixedKey } from './text/keys';
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
    fail('TLS_CA_NOT_PEM', 'tls.caNotPem');
  }
  if (key !== undefined) {
    attempt({ key, ...(passphrase !== undefined && { passphrase }) }, (code) =>
      code === 'ERR_OSSL_BAD_DECRYPT'
        ? passphrase
          ? 'tls.passphraseWrong'
          : 'tls.keyEncrypted'
        : 'tls.keyNotPem',
    );
  }
  if (cert !== undefined) attempt({ cert }, () => 'tls.certNotPem');
  if (cert !== undefined && key === undefined) {
    fail('TLS_KEY_MISSING', 'tls.keyMissing');
  }
  if (key !== undefined && cert === undefined) {
    fail('TLS_CERT_MISSING', 'tls.certMissing');
  }
  // OpenSSL only notices a mismatch between keys of one algorithm (an RSA key beside an EC
  // certificate loads into another slot), so compare the certificate's public key itself.
  if (cert !== undefined && key !== undefined && !certificateMatches(cert, key, passphrase)) {
    fail('TLS_CERT_KEY_MISMATCH', 'tls.certKeyMismatch');
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
  sentence: (code: string) => FixedKey,
): void {
  try {
    createSecureContext(options);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const known = typeof code === 'string' ? code : 'TLS_MATERIAL';
    fail(known, sentence(known));
  }
}

function fail(code: string, key: FixedKey): never {
  const problem: Problem = { code, ...text(key) };
  throw new ProblemError(problem);
}
