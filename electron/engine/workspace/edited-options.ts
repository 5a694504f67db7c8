import type { ConnectOptions, ProfileOptions, SecretsInput } from '../../contract';

/** Typed wins, null clears, left out keeps what the profile stores. */
function secret(input: string | null | undefined, stored: string | undefined): string | undefined {
  return input === null ? undefined : (input ?? stored);
}

/**
 * A profile's connect options with the form's unsaved edits applied ("connect what is on
 * screen"): every option comes from the form; the secrets the renderer never holds come
 * from the stored profile unless the form typed or cleared them.
 */
export function withEdits(
  stored: ConnectOptions,
  edited: ProfileOptions,
  secrets: SecretsInput = {},
): ConnectOptions {
  const { tls: editedTls, ...rest } = edited;
  const options: ConnectOptions = { ...rest };
  // A header left empty in the form keeps the value the profile seals (Trust #13).
  if (rest.wsHeaders?.length) {
    const sealed = new Map((stored.wsHeaders ?? []).map((h) => [h.key, h.value]));
    options.wsHeaders = rest.wsHeaders.map((h) =>
      h.value === '' && sealed.has(h.key) ? { key: h.key, value: sealed.get(h.key) ?? '' } : h,
    );
  }
  const password = secret(secrets.password, stored.password);
  if (password !== undefined) options.password = password;
  if (!editedTls) return options;
  const tls: NonNullable<ConnectOptions['tls']> = { ...editedTls };
  const passphrase = secret(secrets.passphrase, stored.tls?.passphrase);
  if (passphrase !== undefined) tls.passphrase = passphrase;
  // A key file in the form wins; otherwise the pasted key the profile keeps as a secret.
  if (!editedTls.key) {
    const storedPem = stored.tls?.key?.kind === 'pem' ? stored.tls.key.pem : undefined;
    const pem = secret(secrets.keyPem, storedPem);
    if (pem !== undefined) tls.key = { kind: 'pem', pem };
  }
  options.tls = tls;
  return options;
}
