/**
 * Keystone's id compression: an id that `uuid.UUID()` accepts travels as its
 * 16 bytes, tagged `(True, bytes)`; anything else as `(False, id)`. On the way
 * back the bytes become lowercase hex, so an id such as 'ABCD…' or a dashed
 * UUID comes back canonicalised. That is Keystone's behaviour and is kept.
 */
import { pythonInt } from './python-int';
import { MalformedPayload } from './payload-types';

/** The forms Keystone's own ids take; they need none of the general parsing below. */
const PLAIN_HEX = /^[0-9a-fA-F]{32}$/;
const DASHED_UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** `uuid.UUID(hex=text).bytes`, or null where Python raises ValueError. */
export function uuidHexToBytes(text: string): Buffer | null {
  if (PLAIN_HEX.test(text)) return Buffer.from(text, 'hex');
  if (DASHED_UUID.test(text)) return Buffer.from(text.replace(/-/g, ''), 'hex');
  let hex = text.split('urn:').join('').split('uuid:').join('');
  hex = hex.replace(/^[{}]+/, '').replace(/[{}]+$/, '').split('-').join('');
  // Python counts code points, not UTF-16 units.
  if ([...hex].length !== 32) return null;
  const value = pythonInt(hex, 16);
  if (value === null || value < 0n || value >= 1n << 128n) return null;
  const out = Buffer.alloc(16);
  out.writeBigUInt64BE(value >> 64n, 0);
  out.writeBigUInt64BE(value & 0xffffffffffffffffn, 8);
  return out;
}

export type PackedId = [true, Buffer] | [false, string | null];

/** `attempt_convert_uuid_hex_to_bytes`. */
export function packId(id: string | null | undefined): PackedId {
  if (id === null || id === undefined) return [false, null];
  const bytes = uuidHexToBytes(id);
  return bytes ? [true, bytes] : [false, id];
}

/** `convert_uuid_hex_to_bytes` (no fallback): trust ids and non-default domain ids. */
export function packStrictUuid(id: string, what: string): Buffer {
  const bytes = uuidHexToBytes(id);
  if (!bytes) throw new Error(`${what} '${id}' is not a UUID; Keystone cannot pack it either`);
  return bytes;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

/** `convert_uuid_bytes_to_hex`. */
export function uuidBytesToHex(v: unknown): string {
  if (!isBytes(v) || v.length !== 16) throw new MalformedPayload('uuid field is not 16 bytes');
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
}

/** Bytes → str the way Python's strict `bytes.decode('utf-8')` does. */
export function decodeUtf8(v: Uint8Array): string {
  try {
    return utf8.decode(v);
  } catch {
    throw new MalformedPayload('field is not valid UTF-8');
  }
}

/** Python truthiness of a decoded msgpack value. */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string' || Array.isArray(v) || isBytes(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  return true;
}

/** `_convert_or_decode` applied to a `(is_stored_as_bytes, value)` pair. */
export function unpackId(pair: unknown): string | null {
  if (!Array.isArray(pair) || pair.length !== 2) throw new MalformedPayload('id is not a (flag, value) pair');
  const [storedAsBytes, value] = pair as [unknown, unknown];
  if (pyTruthy(storedAsBytes)) return uuidBytesToHex(value);
  if (isBytes(value)) return decodeUtf8(value);
  if (value === null || typeof value === 'string') return value;
  throw new MalformedPayload('id is neither bytes nor a string');
}

/** As `unpackId`, for fields that cannot be absent. */
export function unpackRequiredId(pair: unknown, what: string): string {
  const id = unpackId(pair);
  if (id === null) throw new MalformedPayload(`${what} is missing`);
  return id;
}
