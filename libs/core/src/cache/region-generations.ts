import type { CacheGuard } from './cache-guard';
import { newGeneration, type CacheKeys } from './cache-codec';

export interface GenerationRead {
  /** The current generations of the regions asked for, in order. */
  gens: string[];
  /** The value key under those generations. */
  valueKey: string;
  /** The raw value under `valueKey`, undefined on a miss. */
  value: string | undefined;
}

/**
 * Region-wide invalidation that reaches every worker and node sharing the
 * backend: each region has a generation stored in the backend and embedded
 * in all its keys; invalidating the region writes a new random generation,
 * which orphans every old entry at once (they expire by TTL).
 *
 * Reading a value needs the current generations. This process remembers the
 * last ones it saw and asks for them together with the value under them in
 * one multi-get; only when a generation changed does a second round trip
 * fetch the value under the new one. Remembered generations are a guess
 * that is always checked, never trusted.
 */
export class RegionGenerations {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly guard: CacheGuard,
    private readonly keys: CacheKeys,
  ) {
    guard.regenerate = (regions) => this.regenerate(regions);
  }

  /** undefined when the backend could not answer (the caller uses the database). */
  async read(regions: readonly string[], valueKeyFor: (gens: readonly string[]) => string): Promise<GenerationRead | undefined> {
    const hint = this.hint(regions);
    const keys = regions.map((r) => this.keys.generation(r));
    if (hint) keys.push(valueKeyFor(hint));
    const first = await this.guard.attempt('get', (b) => b.getMany(keys));
    if (!first.ok) return undefined;
    let gens = first.value.slice(0, regions.length);
    let fresh = false;
    if (gens.some((g) => g === undefined)) {
      const created = await this.create(regions, gens);
      if (!created) return undefined;
      gens = created;
      fresh = true;
    }
    const current = gens as string[];
    regions.forEach((r, i) => this.known.set(r, current[i]));
    const valueKey = valueKeyFor(current);
    if (hint && hint.every((g, i) => g === current[i])) return { gens: current, valueKey, value: first.value[regions.length] };
    // A brand-new generation has no values yet.
    if (fresh) return { gens: current, valueKey, value: undefined };
    const second = await this.guard.attempt('get', (b) => b.getMany([valueKey]));
    return second.ok ? { gens: current, valueKey, value: second.value[0] } : undefined;
  }

  /** Current generations only (no creation); undefined on failure, null entries for absent ones. */
  async current(regions: readonly string[]): Promise<(string | null)[] | undefined> {
    const r = await this.guard.attempt('get', (b) => b.getMany(regions.map((x) => this.keys.generation(x))));
    return r.ok ? r.value.map((g) => g ?? null) : undefined;
  }

  /** Invalidates a whole region everywhere. A failure leaves the region dirty (see CacheGuard). */
  async bump(region: string): Promise<void> {
    const gen = newGeneration();
    this.known.delete(region);
    await this.guard.invalidate(region, `invalidate region ${region}`, (b) => b.set(this.keys.generation(region), gen, 0));
  }

  forget(): void {
    this.known.clear();
  }

  private async regenerate(regions: string[]): Promise<void> {
    this.known.clear();
    await Promise.all(regions.map((r) => this.guard.backend.set(this.keys.generation(r), newGeneration(), 0)));
  }

  private hint(regions: readonly string[]): string[] | undefined {
    const out: string[] = [];
    for (const r of regions) {
      const g = this.known.get(r);
      if (g === undefined) return undefined;
      out.push(g);
    }
    return out;
  }

  /** First use of a region (or its generation was evicted): `add` a random one; whoever wins, re-read. */
  private async create(regions: readonly string[], seen: (string | undefined)[]): Promise<string[] | undefined> {
    const missing = regions.filter((_, i) => seen[i] === undefined);
    const added = await this.guard.attempt('add generation', (b) => Promise.all(missing.map((r) => b.add(this.keys.generation(r), newGeneration(), 0))));
    if (!added.ok) return undefined;
    const again = await this.guard.attempt('get', (b) => b.getMany(regions.map((r) => this.keys.generation(r))));
    if (!again.ok || again.value.some((g) => g === undefined)) return undefined;
    return again.value as string[];
  }
}
