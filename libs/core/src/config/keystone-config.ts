import { readFileSync } from 'node:fs';
import { ConfigurationError, type ConfigView, type OptionDef } from '@keystone-ts/plugin-sdk';
import { parseIni, type RawSections, type RawValue } from './ini-parser';
import { OptionRegistry } from './option-registry';
import { convertOptionValue, OptionValueError } from './option-value';
import { interpolate } from './interpolation';

/**
 * The validated configuration: raw sections from the files plus the option
 * registry that gives them types. Values are converted once and memoized.
 */
export class KeystoneConfig implements ConfigView {
  private readonly values = new Map<string, unknown>();

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
    const value = this.convert(group, name, def);
    this.values.set(key, value);
    return value as T;
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

  /** A copy whose given sections are replaced key by key (domain-specific overlays). */
  withOverlay(overlay: RawSections): KeystoneConfig {
    const merged: RawSections = new Map([...this.raw].map(([s, opts]) => [s, new Map(opts)]));
    for (const [section, opts] of overlay) {
      const target = merged.get(section) ?? new Map<string, RawValue[]>();
      for (const [k, v] of opts) target.set(k, v);
      merged.set(section, target);
    }
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

  private findRaw(group: string, name: string, def: OptionDef): RawValue[] | undefined {
    const direct = this.raw.get(group)?.get(name);
    if (direct) return direct;
    for (const old of def.deprecatedNames ?? []) {
      const [g, n] = old.includes('.') ? old.split('.', 2) : [group, old];
      const found = this.raw.get(g)?.get(n);
      if (found) return found;
    }
    return undefined;
  }

  private rawString(group: string, name: string): string | undefined {
    const def = this.registry.get(group, name);
    const found = def ? this.findRaw(group, name, def) : this.raw.get(group)?.get(name);
    if (found) return found[found.length - 1].value;
    if (def && def.default !== undefined && def.default !== null) return String(def.default);
    return undefined;
  }

  private convert(group: string, name: string, def: OptionDef): unknown {
    const found = this.findRaw(group, name, def);
    if (!found) {
      if (typeof def.default === 'string' && def.interpolate !== false) {
        return interpolate(def.default, group, (g, n) => this.rawString(g, n));
      }
      return def.default ?? null;
    }
    const where = found[found.length - 1];
    try {
      const strings = found.map((v) =>
        def.interpolate === false || def.type === 'boolean' || def.type === 'integer'
          ? v.value
          : interpolate(v.value, group, (g, n) => this.rawString(g, n)),
      );
      return convertOptionValue(def, strings);
    } catch (e) {
      const reason = e instanceof OptionValueError ? e.message : (e as Error).message;
      const shown = def.secret ? '****' : `'${where.value}'`;
      throw new ConfigurationError(
        `${where.file}:${where.line}: [${group}] ${name} = ${shown}: ${reason}`,
      );
    }
  }
}
