import type { OptionDef, OptionGroup } from '@keystone-ts/plugin-sdk';

/**
 * Every option known to this process, declared by its owner. Owners register
 * during boot; after `lock()` the set is fixed.
 */
export class OptionRegistry {
  private readonly groups = new Map<string, { help?: string; options: Map<string, OptionDef>; owners: Map<string, string> }>();
  private locked = false;

  register(group: OptionGroup, owner: string): void {
    if (this.locked) {
      throw new Error(`Option registry is locked; '${owner}' registered [${group.name}] too late`);
    }
    const entry = this.groups.get(group.name) ?? { help: group.help, options: new Map(), owners: new Map() };
    for (const [name, def] of Object.entries(group.options)) {
      const existing = entry.options.get(name);
      if (existing && !sameDefinition(existing, def)) {
        throw new Error(
          `Option [${group.name}] ${name} is declared by both '${entry.owners.get(name)}' and '${owner}' with different definitions`,
        );
      }
      entry.options.set(name, def);
      entry.owners.set(name, entry.owners.get(name) ?? owner);
    }
    entry.help ??= group.help;
    this.groups.set(group.name, entry);
  }

  lock(): void {
    this.locked = true;
  }

  get(group: string, name: string): OptionDef | undefined {
    return this.groups.get(group)?.options.get(name);
  }

  groupNames(): string[] {
    return [...this.groups.keys()];
  }

  options(group: string): [string, OptionDef][] {
    return [...(this.groups.get(group)?.options ?? new Map<string, OptionDef>()).entries()];
  }

  /** The package that declared the option first. */
  owner(group: string, name: string): string | undefined {
    return this.groups.get(group)?.owners.get(name);
  }

  groupHelp(group: string): string | undefined {
    return this.groups.get(group)?.help;
  }

  /** Old "group.name" or "name" spellings → current [group] name. */
  deprecatedLookup(): Map<string, { group: string; name: string }> {
    const out = new Map<string, { group: string; name: string }>();
    for (const [group, entry] of this.groups) {
      for (const [name, def] of entry.options) {
        for (const old of def.deprecatedNames ?? []) {
          const key = old.includes('.') ? old : `${group}.${old}`;
          out.set(key, { group, name });
        }
      }
    }
    return out;
  }
}

function sameDefinition(a: OptionDef, b: OptionDef): boolean {
  return a.type === b.type && JSON.stringify(a.default) === JSON.stringify(b.default);
}
