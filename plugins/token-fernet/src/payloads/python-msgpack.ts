/**
 * msgpack bytes identical to Python's `msgpack.packb` (msgpack-python 1.0,
 * use_bin_type=True), so a payload we pack is byte-for-byte the one Keystone
 * packs for the same facts.
 *
 * msgpackr, configured without records, matches Python for str, bin, bool,
 * nil, arrays and 32-bit ints. It cannot express two things Python does:
 * a float whose value is integral (Python: float64 0xcb; msgpackr: an int,
 * and Keystone's expiry is usually a whole second) and ints beyond 32 bits
 * (Python: uint64 0xcf / int64 0xd3; msgpackr: float64 or signed int64).
 * Those two are written here; registering a msgpackr extension for them
 * would patch msgpackr's process-wide extension table, which other code
 * shares, so we don't.
 */
import { Packr, Unpackr } from 'msgpackr';

/** A Python float: always packed as float64, even when integral. */
export class PyFloat {
  constructor(readonly value: number) {}
}

export type PyValue = null | boolean | number | bigint | string | Uint8Array | PyFloat | PyValue[];

const packr = new Packr({ useRecords: false, useFloat32: 0, bundleStrings: false });
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: false, int64AsType: 'bigint' });

const INT32_MIN = -(2 ** 31);
const UINT32_MAX = 2 ** 32 - 1;

function needsCustom(v: PyValue): boolean {
  if (v instanceof PyFloat || typeof v === 'bigint') return true;
  if (typeof v === 'number') return Number.isInteger(v) && (v > UINT32_MAX || v < INT32_MIN);
  if (Array.isArray(v)) return v.some(needsCustom);
  return false;
}

function packInt64(v: bigint): Buffer {
  const out = Buffer.alloc(9);
  if (v >= 0n) {
    if (v >= 1n << 64n) throw new RangeError('Integer value out of range');
    out[0] = 0xcf;
    out.writeBigUInt64BE(v, 1);
  } else {
    if (v < -(1n << 63n)) throw new RangeError('Integer value out of range');
    out[0] = 0xd3;
    out.writeBigInt64BE(v, 1);
  }
  return out;
}

function arrayHeader(n: number): Buffer {
  if (n <= 15) return Buffer.from([0x90 | n]);
  if (n <= 0xffff) return Buffer.from([0xdc, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = 0xdd;
  b.writeUInt32BE(n, 1);
  return b;
}

function packInto(v: PyValue, out: Buffer[]): void {
  if (!needsCustom(v)) {
    out.push(packr.pack(v));
  } else if (v instanceof PyFloat) {
    const b = Buffer.alloc(9);
    b[0] = 0xcb;
    b.writeDoubleBE(v.value, 1);
    out.push(b);
  } else if (typeof v === 'bigint' || typeof v === 'number') {
    const big = BigInt(v);
    // Python picks the smallest int form; within 32 bits msgpackr does the same.
    if (big >= BigInt(INT32_MIN) && big <= BigInt(UINT32_MAX)) out.push(packr.pack(Number(big)));
    else out.push(packInt64(big));
  } else if (Array.isArray(v)) {
    out.push(arrayHeader(v.length));
    for (const item of v) packInto(item, out);
  }
}

/** `msgpack.packb(value)` for the value shapes token payloads use. */
export function pythonPackb(value: PyValue): Buffer {
  const out: Buffer[] = [];
  packInto(value, out);
  return Buffer.concat(out);
}

/** `msgpack.unpackb(data)`: bin → Buffer, str → string, ints beyond 53 bits → bigint. */
export function pythonUnpackb(data: Uint8Array): unknown {
  return unpackr.unpack(data);
}
