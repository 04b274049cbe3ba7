import { timingSafeEqual } from 'node:crypto';

/**
 * One stored-hash format. A scheme parses with passlib's rules (what passlib
 * refuses, Keystone cannot verify either) and throws MalformedHashError for
 * anything else; the hasher turns that into `false`.
 */
export interface HashScheme {
  /** passlib's handler name, e.g. `sha512_crypt`. */
  readonly name: string;
  /** Prefixes up to the second `$`, the key Keystone dispatches on. */
  readonly idents: readonly string[];
  /** `secret` is already UTF-8 encoded and length-checked. */
  verify(secret: Buffer, hash: string): Promise<boolean>;
}

/** Carries only a reason about the hash text, never the password. */
export class MalformedHashError extends Error {
  constructor(scheme: string, reason: string) {
    super(`malformed ${scheme} hash: ${reason}`);
    this.name = 'MalformedHashError';
  }
}

/**
 * Decimal field as passlib parses it: digits only, no zero padding (passlib
 * refuses `rounds=05000` so two spellings of one hash cannot exist).
 */
export function parseRoundsField(scheme: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new MalformedHashError(scheme, 'rounds field is not a number');
  if (text.length > 1 && text.startsWith('0')) throw new MalformedHashError(scheme, 'zero-padded rounds');
  return Number(text);
}

export function requireRange(scheme: string, what: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new MalformedHashError(scheme, `${what} ${value} outside ${min}..${max}`);
  }
}

/**
 * Digest lengths are fixed and public, so only the contents are compared in
 * constant time; unequal lengths mean a malformed hash, not a mismatch.
 */
export function digestsEqual(computed: Buffer, stored: Buffer): boolean {
  return computed.length === stored.length && timingSafeEqual(computed, stored);
}
