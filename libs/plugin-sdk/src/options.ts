/**
 * Options are declared once, in code, by the module or plugin that owns them.
 * The declaration drives parsing, validation, `keystone.conf.sample` and the
 * secret-masking of logs. Semantics follow oslo.config.
 */
export type OptionType = 'string' | 'integer' | 'float' | 'boolean' | 'list' | 'multi' | 'dict';

export interface OptionDef<T = unknown> {
  type: OptionType;
  default?: T;
  help: string;
  /** Hidden from logs and the domain-config API. */
  secret?: boolean;
  min?: number;
  max?: number;
  choices?: readonly string[];
  /** Old names, either "name" (same group) or "group.name". */
  deprecatedNames?: readonly string[];
  /** Whether `$option` interpolation applies (oslo: strings only). */
  interpolate?: boolean;
  /** Text shown instead of the default in the sample (e.g. "<hostname>"). */
  sampleDefault?: string;
  deprecatedForRemoval?: boolean;
}

export interface OptionGroup {
  name: string;
  help?: string;
  options: Readonly<Record<string, OptionDef>>;
}

type Base<T> = Omit<OptionDef<T>, 'type'>;

export const opt = {
  str: (o: Base<string | null>): OptionDef<string | null> => ({ ...o, type: 'string' }),
  int: (o: Base<number | null>): OptionDef<number | null> => ({ ...o, type: 'integer' }),
  float: (o: Base<number | null>): OptionDef<number | null> => ({ ...o, type: 'float' }),
  bool: (o: Base<boolean | null>): OptionDef<boolean | null> => ({ ...o, type: 'boolean' }),
  list: (o: Base<string[] | null>): OptionDef<string[] | null> => ({ ...o, type: 'list' }),
  multi: (o: Base<string[]>): OptionDef<string[]> => ({ ...o, type: 'multi' }),
  dict: (o: Base<Record<string, string>>): OptionDef<Record<string, string>> => ({ ...o, type: 'dict' }),
};

export function defineOptionGroup<G extends OptionGroup>(group: G): G {
  return group;
}

/** Typed values of an option group, as drivers receive them in `ctx.options`. */
export type OptionValues<G extends OptionGroup> = {
  [K in keyof G['options']]: G['options'][K] extends OptionDef<infer T> ? T : never;
};

/** A read-only view of the whole validated configuration. */
export interface ConfigView {
  get<T = unknown>(group: string, name: string): T;
  has(group: string): boolean;
  group<T = Record<string, unknown>>(name: string): T;
}
