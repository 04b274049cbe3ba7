/** Loading, merging, reloading and the error contract of PolicyEnforcer. */
import { Forbidden, isKeystoneError } from '@keystone-ts/plugin-sdk';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PolicyEnforcer, PolicyEnforcerOptions } from './policy-enforcer';
import { InvalidScope, PolicyFileError, PolicyNotAuthorized, PolicyNotRegistered } from './policy.errors';
import type { Credentials, RuleDefault } from './policy.types';

const DEFAULTS: RuleDefault[] = [
  { name: 'admin_required', checkStr: 'role:admin' },
  { name: 'x:get', checkStr: 'role:reader', scopeTypes: ['project'] },
  { name: 'x:system', checkStr: 'role:admin', scopeTypes: ['system'] },
  {
    name: 'x:new', checkStr: 'role:member',
    deprecatedRule: { name: 'x:new', checkStr: 'rule:admin_required', deprecatedReason: 'r', deprecatedSince: 'Z' },
  },
  {
    name: 'x:renamed', checkStr: 'role:member',
    deprecatedRule: { name: 'x:old_name', checkStr: 'role:member', deprecatedReason: 'r', deprecatedSince: 'Z' },
  },
];
const reader: Credentials = { user_id: 'u1', project_id: 'p1', roles: ['reader'] };
const admin: Credentials = { user_id: 'u1', project_id: 'p1', roles: ['admin'] };
const systemAdmin: Credentials = { user_id: 'u1', system_scope: 'all', roles: ['admin'] };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'policy-enforcer-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function make(extra: Partial<PolicyEnforcerOptions> = {}): PolicyEnforcer {
  return new PolicyEnforcer({ defaults: DEFAULTS, configDir: dir, ...extra });
}

describe('PolicyEnforcer', () => {
  it('uses the defaults alone when there is no policy file', () => {
    const enforcer = make();
    expect(enforcer.policyFiles).toEqual([]);
    expect(enforcer.enforce('x:get', {}, reader)).toBe(true);
    expect(enforcer.enforce('x:get', {}, { roles: ['member'] })).toBe(false);
  });

  it('finds a relative policy.yaml in the config dir, falls back to policy.json, and merges over defaults', () => {
    writeFileSync(join(dir, 'policy.json'), '{"x:get": "role:member"}');
    const warnings: string[] = [];
    const enforcer = make({ logger: { warn: (m) => warnings.push(m) } });
    expect(enforcer.policyFiles).toEqual([join(dir, 'policy.json')]);
    expect(enforcer.enforce('x:get', {}, { roles: ['member'] })).toBe(true);
    expect(warnings.join()).toContain('JSON');

    writeFileSync(join(dir, 'policy.yaml'), '"x:get": "role:auditor"\n');
    expect(make().enforce('x:get', {}, { roles: ['auditor'] })).toBe(true);
  });

  it('applies policy directories after the file, files in sorted order, hidden files skipped', () => {
    writeFileSync(join(dir, 'policy.yaml'), '"x:get": "role:one"');
    mkdirSync(join(dir, 'policy.d'));
    writeFileSync(join(dir, 'policy.d', '20-b.yaml'), '"x:get": "role:three"');
    writeFileSync(join(dir, 'policy.d', '10-a.yaml'), '"x:get": "role:two"\n"helper": "role:h"');
    writeFileSync(join(dir, 'policy.d', '.hidden.yaml'), '"x:get": "role:hidden"');
    mkdirSync(join(dir, 'policy.d', 'sub'));
    const enforcer = make();
    expect(enforcer.policyFiles.map((f) => f.slice(dir.length + 1))).toEqual(['policy.yaml', 'policy.d/10-a.yaml', 'policy.d/20-b.yaml']);
    expect(enforcer.effectiveRule('x:get')).toBe('role:three');
    expect(enforcer.effectiveRule('helper')).toBe('role:h');
  });

  it('evaluates `new or deprecated` until enforce_new_defaults, unless the operator overrode the rule', () => {
    expect(make().effectiveRule('x:new')).toBe('(role:member or rule:admin_required)');
    expect(make({ enforceNewDefaults: true }).effectiveRule('x:new')).toBe('role:member');
    writeFileSync(join(dir, 'policy.yaml'), '"x:new": "role:custom"');
    expect(make().effectiveRule('x:new')).toBe('role:custom');
  });

  it('honours an override of a renamed rule under its old name, except the `rule:<new>` alias', () => {
    writeFileSync(join(dir, 'policy.yaml'), '"x:old_name": "role:legacy"');
    expect(make().effectiveRule('x:renamed')).toBe('role:legacy');
    writeFileSync(join(dir, 'policy.yaml'), '"x:old_name": "rule:x:renamed"');
    expect(make().effectiveRule('x:renamed')).toBe('role:member');
  });

  it('refuses a scope outside scope_types only under enforce_scope, logging otherwise', () => {
    const warnings: string[] = [];
    const lax = make({ logger: { warn: (m) => warnings.push(m) } });
    expect(lax.enforce('x:system', {}, admin)).toBe(true);
    expect(warnings.join()).toContain('x:system failed scope check');
    const strict = make({ enforceScope: true });
    expect(strict.enforce('x:system', {}, admin)).toBe(false);
    expect(strict.enforce('x:system', {}, systemAdmin)).toBe(true);
    expect(() => strict.authorize('x:system', {}, admin)).toThrow(InvalidScope);
  });

  it('throws 403 errors carrying the action: not authorized, invalid scope, not registered', () => {
    const strict = make({ enforceScope: true });
    const denied = catchError(() => strict.authorize('x:get', {}, { project_id: 'p1', roles: [] }));
    expect(denied).toBeInstanceOf(PolicyNotAuthorized);
    expect(denied).toBeInstanceOf(Forbidden);
    expect(isKeystoneError(denied) && denied.code).toBe(403);
    expect((denied as PolicyNotAuthorized).action).toBe('x:get');
    expect((denied as Error).message).toBe('You are not authorized to perform the requested action: x:get.');
    const scoped = catchError(() => strict.authorize('x:system', {}, admin)) as InvalidScope;
    expect(scoped.message).toBe('You are not authorized to perform the requested action: x:system.');
    expect(scoped.detail).toContain('requires a scope of [system], request was made with project scope');
    expect(() => strict.enforce('x:nope', {}, admin)).toThrow(PolicyNotRegistered);
    expect(catchError(() => strict.authorize('x:nope', {}, admin))).toBeInstanceOf(Forbidden);
    expect(() => strict.authorize('x:get', {}, reader)).not.toThrow();
  });

  it('flattens nested targets and leaves the credentials untouched', () => {
    const enforcer = new PolicyEnforcer({ defaults: [{ name: 'own', checkStr: 'user_id:%(target.user.id)s and system:all' }], configDir: dir });
    const creds = { user_id: 'u1', system_scope: 'all' };
    expect(enforcer.enforce('own', { target: { user: { id: 'u1' } } }, creds)).toBe(true);
    expect(enforcer.enforce('own', { 'target.user.id': 'u1' }, creds)).toBe(true);
    expect(creds).toEqual({ user_id: 'u1', system_scope: 'all' });
  });

  it.each([
    ['"x:get": [unclosed', undefined, /neither JSON nor YAML/],
    ['- just\n- a list', undefined, /must be a mapping/],
    ['"x:get": 5', 'x:get', /must be a string or a list/],
    ['"x:get": "role:a and"', 'x:get', /could not parse rule/],
    ['"x:get": "http://policy.example.com"', 'x:get', /http checks/],
    ['"x:get": "rule:loop"\n"loop": "rule:x:get"', 'x:get', /cycle/],
  ])('refuses a malformed file naming the file and the rule: %j', (text, rule, reason) => {
    writeFileSync(join(dir, 'policy.yaml'), text);
    const error = catchError(() => make()) as PolicyFileError;
    expect(error).toBeInstanceOf(PolicyFileError);
    expect(error.file).toBe(join(dir, 'policy.yaml'));
    expect(error.rule).toBe(rule);
    expect(error.message).toContain(join(dir, 'policy.yaml'));
    expect(error.message).toMatch(reason);
  });

  it('refuses broken or duplicated defaults', () => {
    expect(() => new PolicyEnforcer({ defaults: [DEFAULTS[0], DEFAULTS[0]] })).toThrow(/registered twice/);
    expect(() => new PolicyEnforcer({ defaults: [{ name: 'bad', checkStr: 'role:a or' }] })).toThrow(/"bad"/);
  });

  it('reloads when a file changes or appears, keeps the old rules when the new file is broken', () => {
    const file = join(dir, 'policy.yaml');
    const enforcer = make();
    expect(enforcer.reload()).toBe(false);
    writeFileSync(file, '"x:get": "role:one"');
    expect(enforcer.reload()).toBe(true);
    expect(enforcer.effectiveRule('x:get')).toBe('role:one');
    expect(enforcer.reload()).toBe(false);
    writeFileSync(file, '"x:get": "role:a and"');
    bumpMtime(file);
    expect(() => enforcer.reload()).toThrow(PolicyFileError);
    expect(enforcer.effectiveRule('x:get')).toBe('role:one');
    expect(enforcer.reload()).toBe(false); // unchanged since the failed attempt
    writeFileSync(file, '"x:get": "role:two"');
    bumpMtime(file, 2);
    expect(enforcer.reload()).toBe(true);
    expect(enforcer.effectiveRule('x:get')).toBe('role:two');
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

/** Same-second rewrites can keep the mtime; move it explicitly. */
function bumpMtime(path: string, seconds = 1): void {
  const when = new Date(Date.now() + seconds * 1000);
  utimesSync(path, when, when);
}
