import { ValidationError } from '@keystone-ts/plugin-sdk';

/** Keystone's role resource options: API name ↔ 4-character id in `role_option`. */
const ROLE_OPTIONS: Readonly<Record<string, { id: string; validate: (v: unknown) => void }>> = {
  immutable: { id: 'IMMU', validate: booleanOnly('immutable') },
};

const NAME_BY_ID = new Map(Object.entries(ROLE_OPTIONS).map(([name, o]) => [o.id, name]));

export const ROLE_OPTION_IDS: ReadonlySet<string> = new Set(NAME_BY_ID.keys());

export function roleOptionName(id: string): string | undefined {
  return NAME_BY_ID.get(id);
}

/**
 * The registered options of a request, by id, validated as Keystone's
 * RoleTable.from_dict does: unknown names are ignored, null means "remove".
 */
export function roleOptionsById(options: Record<string, unknown> | undefined): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, value] of Object.entries(options ?? {})) {
    const opt = ROLE_OPTIONS[name];
    if (!opt) continue;
    if (value !== null && value !== undefined) opt.validate(value);
    out.set(opt.id, value ?? null);
  }
  return out;
}

function booleanOnly(name: string) {
  return (v: unknown) => {
    if (v !== true && v !== false) throw ValidationError.field(`options.${name}`, `${JSON.stringify(v)} is not of type 'boolean'`);
  };
}
