/** One attribute-value assertion of an RDN, value unescaped. */
export interface Ava {
  type: string;
  value: string;
}

interface ValueByte {
  byte: number;
  escaped: boolean;
}

const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const PLUS = 0x2b;
const EQUALS = 0x3d;
const BACKSLASH = 0x5c;
const SPACE = 0x20;

/**
 * Splits a DN string (RFC 4514) into RDNs of unescaped AVAs, the naming
 * RDN first. Tolerant: DNs come from the server, so a malformed one yields
 * what could be read rather than an error.
 */
export function parseDn(dn: string): Ava[][] {
  const rdns: Ava[][] = [];
  let rdn: Ava[] = [];
  let type: number[] = [];
  let value: ValueByte[] = [];
  let inValue = false;
  const endAva = () => {
    const t = Buffer.from(type).toString('utf8').trim();
    if (t !== '' || value.length > 0) rdn.push({ type: t, value: decodeValue(value) });
    type = [];
    value = [];
    inValue = false;
  };
  const endRdn = () => {
    endAva();
    if (rdn.length) rdns.push(rdn);
    rdn = [];
  };
  const bytes = Buffer.from(dn, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === COMMA || c === SEMICOLON) {
      endRdn();
    } else if (!inValue) {
      if (c === EQUALS) inValue = true;
      else type.push(c);
    } else if (c === BACKSLASH && i + 1 < bytes.length) {
      const hex = bytes.subarray(i + 1, i + 3).toString('latin1');
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        value.push({ byte: parseInt(hex, 16), escaped: true });
        i += 2;
      } else {
        value.push({ byte: bytes[i + 1], escaped: true });
        i += 1;
      }
    } else if (c === PLUS) {
      endAva();
    } else {
      value.push({ byte: c, escaped: false });
    }
  }
  endRdn();
  return rdns;
}

/** Unescaped leading/trailing spaces are not part of a value (RFC 4514 §3). */
function decodeValue(raw: ValueByte[]): string {
  let start = 0;
  let end = raw.length;
  while (start < end && raw[start].byte === SPACE && !raw[start].escaped) start++;
  while (end > start && raw[end - 1].byte === SPACE && !raw[end - 1].escaped) end--;
  return Buffer.from(raw.slice(start, end).map((b) => b.byte)).toString('utf8');
}

/** The naming (first) AVA of a DN, or null for an empty DN. */
export function namingAva(dn: string): Ava | null {
  return parseDn(dn)[0]?.[0] ?? null;
}

/**
 * A comparable form of a DN: attribute types and values lower-cased, inner
 * whitespace collapsed, multi-valued RDNs sorted — the case-insensitive
 * comparison Keystone applies to DNs.
 */
export function normalizeDn(dn: string): string {
  return parseDn(dn)
    .map((rdn) =>
      rdn
        .map((a) => `${a.type.toLowerCase()}=${a.value.trim().toLowerCase().replace(/\s+/g, ' ')}`)
        .sort()
        .join('+'),
    )
    .join(',');
}
