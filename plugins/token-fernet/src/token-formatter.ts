/**
 * Keystone's TokenFormatter: (version,) + payload → msgpack → Fernet →
 * urlsafe base64 without padding; and back.
 *
 * Every way a token can fail to decode ends in `InvalidFernetToken`, so a
 * caller never sees anything else for a bad token.
 */
import type { TokenPayload } from '@keystone-ts/plugin-sdk';
import { decodeCanonical, encodeUnpadded } from './fernet/base64url';
import { FernetKey, fernetDecrypt, fernetEncrypt, fernetTimestamp } from './fernet/fernet-token';
import { InvalidFernetToken, UnknownFernetPayloadVersion } from './fernet-token.errors';
import { isoFromSeconds, pythonTimestampSeconds } from './payloads/expiry-time';
import { formatterForVersion, selectFormatter } from './payloads/payload-registry';
import { MalformedPayload } from './payloads/payload-types';
import type { PayloadContext, PayloadFacts } from './payloads/payload-types';
import { pythonPackb, pythonUnpackb } from './payloads/python-msgpack';
import type { PyValue } from './payloads/python-msgpack';

/**
 * Far above any real token (a federated token with many groups is a few
 * KB): bounds the work an anonymous caller can ask for.
 */
export const MAX_TOKEN_CHARS = 65536;

export interface DecodedFernetToken extends PayloadFacts {
  version: number;
  /** Seconds, from the Fernet header. */
  issuedAt: number;
  issuedAtIso: string;
}

export class TokenFormatter {
  constructor(private readonly ctx: PayloadContext) {}

  /** `msgpack.packb((version,) + assemble(...))`: what Keystone encrypts. */
  serialize(payload: TokenPayload): { version: number; bytes: Buffer } {
    const formatter = selectFormatter(payload);
    const tuple: PyValue[] = [formatter.version, ...formatter.assemble(payload, this.ctx)];
    return { version: formatter.version, bytes: pythonPackb(tuple) };
  }

  create(payload: TokenPayload, primary: FernetKey, now?: number): string {
    return encodeUnpadded(fernetEncrypt(primary, this.serialize(payload).bytes, { now }));
  }

  /** Authenticates and decrypts; the plaintext is the msgpack payload. */
  unpack(token: string, keys: readonly FernetKey[]): { plaintext: Buffer; issuedAt: bigint } {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_CHARS) throw new InvalidFernetToken('token too long');
    const bytes = decodeCanonical(token);
    if (!bytes) throw new InvalidFernetToken('not canonical urlsafe base64');
    const plaintext = fernetDecrypt(keys, bytes);
    if (!plaintext) throw new InvalidFernetToken('no key authenticates the token');
    return { plaintext, issuedAt: fernetTimestamp(bytes) };
  }

  validate(token: string, keys: readonly FernetKey[]): DecodedFernetToken {
    const { plaintext, issuedAt } = this.unpack(token, keys);
    try {
      return this.decode(plaintext, issuedAt);
    } catch (e) {
      if (e instanceof InvalidFernetToken) throw e;
      // Authenticated but not something Keystone could have written (only a
      // key holder can get here). Keystone would fail with a 500; a 404 is
      // the honest answer for a token we cannot read.
      throw new InvalidFernetToken(`malformed payload: ${(e as Error).message}`);
    }
  }

  private decode(plaintext: Buffer, issuedAtRaw: bigint): DecodedFernetToken {
    const decoded = pythonUnpackb(plaintext);
    if (!Array.isArray(decoded) || decoded.length === 0) throw new MalformedPayload('payload is not a non-empty list');
    const version = pythonEqualityKey(decoded[0]);
    const formatter = typeof version === 'number' ? formatterForVersion(version) : undefined;
    if (!formatter) throw new UnknownFernetPayloadVersion(pythonStr(decoded[0]));
    // Extended in place: spreading the facts into a new object is measurably slow on this path.
    const token = formatter.disassemble(decoded.slice(1), this.ctx) as DecodedFernetToken;
    token.version = formatter.version;
    token.issuedAt = pythonTimestampSeconds(issuedAtRaw);
    token.issuedAtIso = isoFromSeconds(token.issuedAt);
    return token;
  }
}

/** Python compares True == 1 and 2.0 == 2; map such values onto a number. */
function pythonEqualityKey(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  return v;
}

/** `'%s' % value` for the value shapes a version can plausibly have. */
function pythonStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array) return `b'${Buffer.from(v).toString('latin1')}'`;
  return JSON.stringify(v) ?? String(v);
}
