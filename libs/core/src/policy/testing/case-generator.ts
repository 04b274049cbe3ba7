/**
 * Deterministic generator of rule/credential/target combinations for the
 * differential specs. It favours oslo's corners: operator case and spacing,
 * parentheses glued to checks, quoted tokens, literal kinds, %-formatting,
 * list-of-lists rules, undefined references and the default rule.
 */
import type { Credentials } from '../policy.types';
import type { LanguageCase } from './oslo-oracle';

/** mulberry32: small, seedable, good enough to spread cases. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Picker {
  constructor(readonly random: () => number) {}
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
}

const ROLES = ['admin', 'member', 'reader', 'Admin', 'READER', 'service', '%(target.role.name)s', '%(missing)s'];
const CRED_KINDS = ['user_id', 'project_id', 'domain_id', 'system_scope', 'is_admin', 'roles', 'tags', 'token.user.id',
  'token.project.domain.id', 'token.missing', 'enabled', 'count', 'ratio', 'nothing', 'user_id.deeper', 'groups.id'];
const LITERAL_KINDS = ['True', 'False', 'None', '1', '1.0', '-1', '+2', "'admin'", '"admin"', "'a''b'", '0x1F', '1_000',
  '(1,)', "[1,'a']", "b'x'", '...', "u'x'", '1e3', '2.50', '()', '{}', 'set()', '1a', 'class', 'a-b', 'not(x)',
  '%(x)s', "f'x'", '01', 'x.y()', 'a==b', "'unterminated"];
const MATCHES = ['admin', 'u1', 'p1', 'd1', 'all', 'True', 'False', '1', '1.0', '2.5', 'None', "'u1'", 'a', '',
  '%(target.user.id)s', '%(target.project.id)s', '%(target.domain.id)s', '%(missing)s', '%(n)d', '%(flag)s',
  '%(list)s', '%%', '%(target.user.id)s%%', '%(n).1s', '%(name)5s', '%(ratio)s', '%(n)s', '%(none)s', '100%', '%s',
  '%(target.user.id)r', '%(name)x'];
// No http: checks here: oslo would really POST to them when evaluating (they are parse-tested apart).
const MALFORMED = ['foo', 'and', 'or', '(', ')', "'quoted'", '"dq"', 'not', 'role:(admin)'];

/** One random check, sometimes malformed (oslo fails those closed). */
export function randomCheck(p: Picker, ruleNames: readonly string[], allowMalformed: boolean): string {
  const r = p.random();
  if (allowMalformed && r < 0.04) return p.pick(MALFORMED);
  if (r < 0.1) return p.pick(['@', '!']);
  if (r < 0.3) return `role:${p.pick(ROLES)}`;
  if (r < 0.45) return `rule:${p.pick([...ruleNames, 'undefined_rule'])}`;
  if (r < 0.6) return `${p.pick(LITERAL_KINDS)}:${p.pick(MATCHES)}`;
  return `${p.pick(CRED_KINDS)}:${p.pick(MATCHES)}`;
}

/** A rule string of up to `depth` levels of and/or/not/parentheses with varied spelling and spacing. */
export function randomRule(p: Picker, ruleNames: readonly string[], depth: number, allowMalformed = true): string {
  if (depth <= 0 || p.chance(0.3)) return randomCheck(p, ruleNames, allowMalformed);
  const op = p.pick(['and', 'or', 'not', 'paren']);
  const spell = (w: string): string => p.pick([w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)]);
  const gap = (): string => p.pick([' ', ' ', '  ', '\t', ' \n ']);
  if (op === 'not') return `${spell('not')}${gap()}${randomRule(p, ruleNames, depth - 1, allowMalformed)}`;
  if (op === 'paren') {
    const inner = randomRule(p, ruleNames, depth - 1, allowMalformed);
    return p.chance(0.7) ? `(${inner})` : `( ${inner} )`;
  }
  const parts = [randomRule(p, ruleNames, depth - 1, allowMalformed)];
  const n = 1 + Math.floor(p.random() * 3);
  for (let i = 0; i < n; i++) parts.push(randomRule(p, ruleNames, depth - 1, allowMalformed));
  const joined = parts.join(`${gap()}${spell(op)}${gap()}`);
  if (allowMalformed && p.chance(0.03)) return `${joined} ${op}`; // dangling operator: unparseable
  return joined;
}

/** Rules in the list-of-lists syntax (outer or, inner and). */
export function randomListRule(p: Picker, ruleNames: readonly string[]): unknown[] {
  const outer: unknown[] = [];
  const n = Math.floor(p.random() * 4);
  for (let i = 0; i < n; i++) {
    const r = p.random();
    if (r < 0.1) outer.push([]);
    else if (r < 0.25) outer.push(randomCheck(p, ruleNames, false));
    else outer.push(Array.from({ length: 1 + Math.floor(p.random() * 3) }, () => randomCheck(p, ruleNames, false)));
  }
  return outer;
}

const loose = (creds: Record<string, unknown>): Credentials => creds as Credentials;

export const CREDENTIALS: readonly Credentials[] = [
  { user_id: 'u1', project_id: 'p1', domain_id: null, system_scope: null, roles: ['admin', 'member'] },
  { user_id: 'u2', project_id: null, domain_id: 'd1', system_scope: null, roles: ['Reader'], tags: ['a', 'b'] },
  { user_id: 'u1', system_scope: 'all', roles: ['READER'], is_admin: true, enabled: true, count: 1, ratio: 2.5 },
  { user_id: null, roles: [], is_admin: false, enabled: false, count: 0 },
  { user_id: 'u3', roles: ['service'], token: { user: { id: 'u3' }, project: { domain: { id: 'd1' } } }, groups: [{ id: 'g1' }, { id: 'a' }] },
  {},
  { user_id: 'admin', project_id: 'p1', roles: ['member'], nothing: null, groups: [{ id: 'p1' }] },
  // Shapes Keystone never builds, to compare how both sides fail on them.
  loose({ roles: 'admin', user_id: 'u1' }),
  loose({ roles: ['admin', 7], user_id: 'u1' }),
  loose({ user_id: { deeper: 'u1' }, roles: ['reader'], tags: [['a'], 'b'] }),
];

export const TARGETS: readonly Record<string, unknown>[] = [
  {},
  { 'target.user.id': 'u1', 'target.project.id': 'p1', 'target.domain.id': 'd1', 'target.role.name': 'ADMIN' },
  { 'target.user.id': 'u2', n: 7, flag: true, list: ['a', 1, null], name: 'ab', ratio: 0.1, none: null },
  { 'target.user.id': null, n: 2.9, flag: false, 'target.role.name': 'reader', x: 'y' },
  { 'target.user.id': 'a', 'target.project.id': 'u1', n: -3, name: 'admin', ratio: 1e20 },
];

/** `count` language cases of a few rules each, evaluated against a spread of credentials and targets. */
export function languageCases(seed: number, count: number): LanguageCase[] {
  const p = new Picker(rng(seed));
  return Array.from({ length: count }, () => {
    const names = ['r0', 'r1', 'r2', 'r3', 'r4'];
    const rules: Record<string, unknown> = {};
    // Rules only refer to later ones, so no cycles: a cycle is tested on its own.
    names.forEach((name, i) => {
      const later = names.slice(i + 1);
      rules[name] = p.chance(0.12) ? randomListRule(p, later) : p.chance(0.05) ? '' : randomRule(p, later, 3);
    });
    const withDefault = p.chance(0.3);
    if (withDefault) rules.default = randomRule(p, [], 1, false);
    const checks = Array.from({ length: 10 }, () => ({
      rule: p.pick([...names, 'r0', 'r0', 'missing']),
      target: p.pick(TARGETS),
      creds: p.pick(CREDENTIALS),
    }));
    return { rules, defaultRule: withDefault ? 'default' : undefined, checks };
  });
}
