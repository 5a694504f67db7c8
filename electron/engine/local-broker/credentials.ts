import { timingSafeEqual } from 'node:crypto';
import type { ParsedLocalBrokerOptions } from '../../contract';

/** The built-in broker's login check: constant-time, and open to anyone when no user name is set. */
export function credentialsMatch(
  options: ParsedLocalBrokerOptions,
  username: string | undefined,
  password: Buffer | undefined,
): boolean {
  if (options.username === undefined) return true;
  return (
    sameSecret(Buffer.from(username ?? ''), Buffer.from(options.username)) &&
    sameSecret(password ?? Buffer.alloc(0), Buffer.from(options.password ?? ''))
  );
}

function sameSecret(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}
