/**
 * The methods bitmask. Keystone numbers `[auth] methods` 1, 2, 4, … in
 * configuration order, so every node must list the same methods in the same
 * order for tokens to decode to the same methods.
 *
 * Keystone 22 as shipped by Debian (2:22.0.2-0+deb12u4 and later, the fix
 * for CVE-2026-80182/80184) also reserves two fixed bits for method names
 * written by endpoints that are not auth plugins: 'ec2credential' (1<<32) and
 * 'oauth2_credential' (1<<33). Without them those tokens decode to no
 * methods at all, which the fix relies on not happening.
 */
export const DEFAULT_AUTH_METHODS = ['external', 'password', 'token', 'oauth1', 'mapped', 'application_credential'] as const;

const PSEUDO_METHOD_BITS: ReadonlyArray<[bigint, string]> = [
  [1n << 32n, 'ec2credential'],
  [1n << 33n, 'oauth2_credential'],
];

export class AuthMethodMap {
  /** bit → name, in Python dict order (a later duplicate bit replaces the name in place). */
  private readonly byBit = new Map<bigint, string>();
  private readonly bitsDescending: bigint[];

  constructor(configured: readonly string[] = DEFAULT_AUTH_METHODS) {
    let bit = 1n;
    for (const name of configured) {
      this.byBit.set(bit, name);
      bit *= 2n;
    }
    for (const [b, name] of PSEUDO_METHOD_BITS) this.byBit.set(b, name);
    this.bitsDescending = [...this.byBit.keys()].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
  }

  /**
   * `convert_method_list_to_integer`: the sum of the bits of every listed
   * method. Unknown names add nothing and a repeated name adds twice, as in
   * Keystone.
   */
  toInteger(methods: readonly string[]): bigint {
    let sum = 0n;
    for (const method of methods) {
      for (const [bit, name] of this.byBit) if (name === method) sum += bit;
    }
    return sum;
  }

  /**
   * `convert_integer_to_method_list`. Keystone tests each bit, highest
   * first, with `int(n / bit) == 1` (true division, truncated), so a value
   * with bits above the known ones decodes to fewer methods; reproduced.
   */
  toList(value: number | bigint): string[] {
    if (typeof value === 'number' && !Number.isFinite(value)) return [];
    if (value === 0 || value === 0n) return [];
    let remaining: number | bigint = value;
    const methods: string[] = [];
    for (const bit of this.bitsDescending) {
      // Number() rounds like Python's int/int true division; the bits are powers of two, so the quotient is exact.
      if (Math.trunc(Number(remaining) / Number(bit)) === 1) {
        methods.push(this.byBit.get(bit)!);
        remaining = typeof remaining === 'bigint' ? remaining - bit : remaining - Number(bit);
      }
    }
    return methods;
  }
}
