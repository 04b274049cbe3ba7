import { readFileSync } from 'node:fs';
import { ConfigurationError, type ConfigView, type OptionDef } from '@keystone-ts/plugin-sdk';
import { normalizeSection, parseIni, type RawSections, type RawValue } from './ini-parser';
import { OptionRegistry } from './option-registry';
import { convertOptionValue } from './option-value';
import { interpolate, InterpolationError, pythonStr } from './interpolation';

/**
 * The validated configuration: raw sections from the files plus the option
 * registry that gives them types. Values are converted once and memoized.
 */
export class KeystoneConfig implements ConfigView {
  private readonly values = new Map<string, unknown>();
  /** Options being converted right now (cycle detection for `$` references). */
  private readonly resolving = new Set<string>();

  constructor(
    readonly registry: OptionRegistry,
    private readonly raw: RawSections,
    readonly files: readonly string[],
  ) {}

  static fromFiles(files: readonly string[], registry: OptionRegistry): KeystoneConfig {
    const raw: RawSections = new Map();
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new ConfigurationError(`Cannot read config file ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
      }
      try {
        parseIni(text, file, raw);
      } catch (e) {
        throw new ConfigurationError((e as Error).message);
      }
    }
    return new KeystoneConfig(registry, raw, files);
  }

  static fromText(text: string, registry: OptionRegistry, file = '<string>'): KeystoneConfig {
    return new KeystoneConfig(registry, parseIni(text, file), [file]);
  }

  get<T = unknown>(group: string, name: string): T {
    const key = `${group}.${name}`;
    if (this.values.has(key)) {
      return this.values.get(key) as T;
    }
    const def = this.registry.get(group, name);
    if (!def) {
      throw new Error(`Option [${group}] ${name} is not registered`);
    }
    if (this.resolving.has(key)) {
      throw new InterpolationError(`circular reference through [${group}] ${name}`, 'circular $ reference');
    }
    this.resolving.add(key);
    try {
      const value = this.convert(group, name, def);
      this.values.set(key, value);
      return value as T;
    } finally {
      this.resolving.delete(key);
    }
  }

  has(group: string): boolean {
    return this.raw.has(group) || this.registry.options(group).length > 0;
  }

  group<T = Record<string, unknown>>(name: string): T {
    return Object.fromEntries(this.registry.options(name).map(([opt]) => [opt, this.get(name, opt)])) as T;
  }

  /** Raw (uninterpolated) values of a section, e.g. for a driver's free-form options. */
  rawSection(name: string): ReadonlyMap<string, RawValue[]> {
    return this.raw.get(name) ?? new Map();
  }

  /**
   * A copy in which the given sections are replaced wholesale. Keystone
   * builds a domain's `[identity]`/`[ldap]` from the domain file alone (an
   * option the file does not set takes its default, not keystone.conf's), so
   * the listed sections start empty rather than inherit.
   */
  withOverlay(overlay: RawSections, replaceSections: readonly string[] = [...overlay.keys()]): KeystoneConfig {
    const merged: RawSections = new Map([...this.raw].map(([s, opts]) => [s, new Map(opts)]));
    for (const section of replaceSections) merged.delete(section);
    for (const [section, opts] of overlay) merged.set(section, new Map(opts));
    return new KeystoneConfig(this.registry, merged, this.files);
  }

  /** Converts every registered option now, so a bad value stops the start. */
  validateAll(): void {
    for (const group of this.registry.groupNames()) {
      for (const [name] of this.registry.options(group)) {
        this.get(group, name);
      }
    }
  }

  /** Options present in the files that nobody registered: `[section] name (file:line)`. */
  unknownOptions(): string[] {
    const deprecated = this.registry.deprecatedLookup();
    const out: string[] = [];
    for (const [section, opts] of this.raw) {
      for (const [name, values] of opts) {
        if (!this.registry.get(section, name) && !deprecated.has(`${section}.${name}`)) {
          out.push(`[${section}] ${name} (${values[0].file}:${values[0].line})`);
        }
      }
    }
    return out;
  }

  /** Where the value in effect was set (file and line), or undefined when it is the default. */
  locate(group: string, name: string): RawValue | undefined {
    const def = this.registry.get(group, name);
    const found = def ? this.findRaw(group, name, def) : this.raw.get(group)?.get(name);
    return found?.[found.length - 1];
  }

  /** Position of a file in precedence order (later files win); overlay files rank last. */
  private fileRank(file: string): number {
    const i = this.files.indexOf(file);
    return i < 0 ? this.files.length : i;
  }

  /**
   * The raw values oslo would use, looking at the current name and then the
   * deprecated ones. Single-valued: the name set in the latest file wins (the
   * current name on a tie), and its last value is used. Multi-valued: every
   * value of every name, file by file (oslo lists deprecated names' values
   * before the current name's within one file).
   */
  private findRaw(group: string, name: string, def: OptionDef): RawValue[] | undefined {
    const names: [string, string][] = [[group, name]];
    for (const old of def.deprecatedNames ?? []) {
      const dot = old.indexOf('.');
      names.push(dot >= 0 ? [normalizeSection(old.slice(0, dot)), old.slice(dot + 1)] : [group, old]);
    }
    const lists = names.map(([g, n]) => this.raw.get(g)?.get(n) ?? []);
    if (def.type === 'multi') {
      const tagged = lists.flatMap((list, nameIndex) =>
        list.map((v, i) => ({ v, rank: this.fileRank(v.file), nameIndex, i })),
      );
      if (!tagged.length) return undefined;
      tagged.sort((a, b) => a.rank - b.rank || b.nameIndex - a.nameIndex || a.i - b.i);
      return tagged.map((t) => t.v);
    }
    let best: RawValue[] | undefined;
    let bestRank = -1;
    for (const list of lists) {
      if (!list.length) continue;
      const rank = this.fileRank(list[list.length - 1].file);
      if (rank > bestRank) {
        best = list;
        bestRank = rank;
      }
    }
    return best;
  }

  /** A referenced option's value as oslo's template substitution renders it; undefined if not registered. */
  private referenced(group: string, name: string): string | undefined {
    const def = this.registry.get(group, name);
    return def ? pythonStr(this.get(group, name), def.type) : undefined;
  }

  private convert(group: string, name: string, def: OptionDef): unknown {
    const found = this.findRaw(group, name, def);
    const lookup = (g: string, n: string) => this.referenced(g, n);
    if (!found) {
      if (typeof def.default !== 'string' || def.interpolate === false) return def.default ?? null;
      try {
        return interpolate(def.default, group, lookup);
      } catch (e) {
        if (e instanceof ConfigurationError) throw e;
        throw new ConfigurationError(`[${group}] ${name}: default '${def.default}': ${(e as Error).message}`);
      }
    }
    // For a single-valued option only the last value counts (and is the one reported).
    let where = found[found.length - 1];
    try {
      // oslo substitutes `$` references in the string before converting it, whatever the type.
      const used = def.type === 'multi' ? found : [where];
      const strings = used.map((v) => {
        where = v;
        return def.interpolate === false ? v.value : interpolate(v.value, group, lookup);
      });
      where = found[found.length - 1];
      return convertOptionValue(def, strings);
    } catch (e) {
      // A referenced option's own bad value already names its place.
      if (e instanceof ConfigurationError) throw e;
      const reason = def.secret && e instanceof InterpolationError ? e.maskedMessage : (e as Error).message;
      const shown = def.secret ? '****' : `'${where.value.replace(/\n/g, '\\n')}'`;
      throw new ConfigurationError(`${where.file}:${where.line}: [${group}] ${name} = ${shown}: ${reason}`);
    }
  }
}
