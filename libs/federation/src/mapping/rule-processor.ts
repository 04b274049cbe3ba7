import { InternalError, ValidationError } from '@keystone-ts/plugin-sdk';
import { literalList, pyRepr, pyStr } from './python-literal';

/** Local attributes a mapping produces (Keystone's mapped properties). */
export interface MappedProperties {
  user: { type: 'ephemeral' | 'local'; id?: string; name?: string; email?: string; domain?: { id?: string; name?: string } };
  group_ids: string[];
  group_names: { name: string; domain: { id?: string; name?: string } }[];
  projects: { name: string; roles: { name: string }[] }[];
}

type Local = Record<string, unknown>;
type Remote = { type: string; any_one_of?: unknown[]; not_any_of?: unknown[]; blacklist?: unknown[]; whitelist?: unknown[]; regex?: boolean };
export interface MappingRule {
  local: Local[];
  remote: Remote[];
}

/** A `{0}` in a local section with no remote match to take it from (Keystone answers 500). */
export class DirectMappingError extends InternalError {
  constructor(mappingId: string) {
    super(`Local section in mapping ${mappingId} refers to a remote match that doesn't exist (e.g. {0} in a local section).`);
  }
}

/**
 * Keystone's RuleProcessor: matches an assertion (attribute → value, several
 * values joined by ';') against a mapping's rules (already schema-checked)
 * and returns the local user, groups and projects they grant.
 */
export class RuleProcessor {
  constructor(
    private readonly mappingId: string,
    private readonly rules: readonly MappingRule[],
  ) {}

  process(assertionData: Readonly<Record<string, unknown>>): MappedProperties {
    const assertion = new Map<string, string[]>();
    for (const [k, v] of Object.entries(assertionData)) if (typeof v === 'string') assertion.set(k, v.split(';'));
    const identityValues: Local[] = [];
    for (const rule of this.rules) {
      const directMaps = this.verifyAllRequirements(rule.remote, assertion);
      // The rule does not apply to this assertion.
      if (directMaps === null) continue;
      if (directMaps.length === 0) identityValues.push(...rule.local);
      else for (const local of rule.local) identityValues.push(this.substitute(local, directMaps) as Local);
    }
    return transform(identityValues);
  }

  /** null: a requirement failed. Otherwise the values each non-filtering requirement matched, in order. */
  private verifyAllRequirements(requirements: readonly Remote[], assertion: Map<string, string[]>): string[][] | null {
    const directMaps: string[][] = [];
    for (const requirement of requirements) {
      let values = assertion.get(requirement.type);
      if (!values || values.length === 0) return null;
      const regex = requirement.regex ?? false;
      if (requirement.any_one_of !== undefined && requirement.any_one_of !== null) {
        if (matching(requirement.any_one_of, values, regex).length > 0) continue;
        return null;
      }
      if (requirement.not_any_of !== undefined && requirement.not_any_of !== null) {
        if (matching(requirement.not_any_of, values, regex).length === 0) continue;
        return null;
      }
      // A blacklist or whitelist maps the whole filtered list, not its values one by one.
      if (requirement.blacklist !== undefined && requirement.blacklist !== null) {
        const matched = new Set(matching(requirement.blacklist, values, regex));
        values = unique(values).filter((v) => !matched.has(v));
      } else if (requirement.whitelist !== undefined && requirement.whitelist !== null) {
        values = unique(matching(requirement.whitelist, values, regex));
      }
      directMaps.push(values);
    }
    return directMaps;
  }

  /** Replaces {0}, {1}... in every string of a local section (Python's str.format over the matches). */
  private substitute(local: unknown, directMaps: string[][]): unknown {
    if (Array.isArray(local)) return local.map((item) => this.substitute(item, directMaps));
    if (local !== null && typeof local === 'object') {
      return Object.fromEntries(Object.entries(local).map(([k, v]) => [k, this.substitute(v, directMaps)]));
    }
    if (typeof local !== 'string') return local;
    let auto = 0;
    return local.replace(/\{\{|\}\}|\{(\d*)\}/g, (token, index: string | undefined) => {
      if (token === '{{') return '{';
      if (token === '}}') return '}';
      const i = index === undefined || index === '' ? auto++ : Number(index);
      const match = directMaps[i];
      if (match === undefined) throw new DirectMappingError(this.mappingId);
      return match.length === 1 ? match[0] : pyStr(match);
    });
  }
}

/** Assertion values matched by the rule's values: equal to one, or (regex) searched by one. */
function matching(ruleValues: readonly unknown[], assertionValues: readonly string[], regex: boolean): string[] {
  if (regex) {
    const patterns = ruleValues.map((r) => compile(String(r)));
    return assertionValues.filter((v) => patterns.some((p) => p.test(v)));
  }
  return assertionValues.filter((v) => ruleValues.some((r) => r === v));
}

function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    throw new ValidationError(`Invalid regular expression in mapping rule: ${pattern}`);
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** A string that may print a list (a substitution of several matches) read back as its items. */
function asList(value: unknown): unknown[] {
  if (typeof value !== 'string') return [value];
  return literalList(value) ?? [value];
}

function transform(identityValues: readonly Local[]): MappedProperties {
  if (identityValues.length === 0) {
    throw new ValidationError(
      'Could not map any federated user properties to identity values. Check debug logs or the mapping used for additional details.',
    );
  }
  let user: Record<string, unknown> | null = null;
  const groupIds = new Set<string>();
  const groupNames: MappedProperties['group_names'] = [];
  const groupsByDomain = new Map<string, { name: string; domain: { id?: string; name?: string } }[]>();
  let projects: MappedProperties['projects'] = [];

  for (const value of identityValues) {
    // The first user wins; later ones are ignored, as in Keystone.
    if ('user' in value && !user) user = { ...(value.user as Record<string, unknown>) };
    if ('group' in value) {
      const group = value.group as { id?: string; name?: string; domain?: { id?: string; name?: string } };
      if (group.id !== undefined) {
        groupIds.add(group.id);
      } else if (group.name !== undefined && group.domain) {
        const key = group.domain.name ?? group.domain.id ?? '';
        groupsByDomain.set(key, [...(groupsByDomain.get(key) ?? []), group as { name: string; domain: { id?: string; name?: string } }]);
      }
      // Keystone re-adds everything gathered so far each time (one per name and domain); callers resolve names to a set.
      for (const groups of groupsByDomain.values()) groupNames.push(...new Map(groups.map((g) => [g.name, g])).values());
    }
    if ('groups' in value) groupNames.push(...normalizeGroups(value));
    if ('group_ids' in value) for (const id of asList(value.group_ids)) groupIds.add(String(id));
    if ('projects' in value) projects = value.projects as MappedProperties['projects'];
  }

  const mappedUser = user ?? {};
  const type = mappedUser.type;
  if (type !== undefined && type !== 'ephemeral' && type !== 'local') throw new ValidationError(`User type ${String(type)} not supported`);
  if (type === undefined) mappedUser.type = 'ephemeral';
  return { user: mappedUser as MappedProperties['user'], group_ids: [...groupIds], group_names: groupNames, projects };
}

/** `groups` names groups in `domain`, or (when it mentions "name") is a list of JSON group objects each with its own domain. */
function normalizeGroups(value: Local): MappedProperties['group_names'] {
  const groups = value.groups;
  const invalid = () => new ValidationError(`Invalid rule: ${pyRepr(value)}. Both 'groups' and 'domain' keywords must be specified.`);
  if (typeof groups === 'string' && groups.includes('name')) {
    const dicts = asList(groups).map((g) => (typeof g === 'string' && g.startsWith('JSON:') ? parseJsonGroup(g.slice(5), invalid) : g));
    for (const g of dicts) {
      const hasDomain = typeof g === 'string' ? g.includes('domain') : g !== null && typeof g === 'object' && 'domain' in g;
      if (!hasDomain) throw invalid();
    }
    return dicts as MappedProperties['group_names'];
  }
  if (!('domain' in value)) throw invalid();
  const domain = value.domain as { id?: string; name?: string };
  return asList(groups).map((name) => ({ name: String(name), domain }));
}

function parseJsonGroup(text: string, invalid: () => ValidationError): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalid();
  }
}
