/**
 * Runs the same cases through real oslo.policy (testing/oslo-oracle.py under
 * Debian's python, where Keystone 22 is installed) and through our engine, so
 * specs can assert identical decisions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkToString } from '../check-tree';
import { keystonePolicyDefaults } from '../defaults';
import { PolicyEnforcer } from '../policy-enforcer';
import { InvalidScope, PolicyEvaluationError, PolicyFileError, PolicyNotAuthorized, PolicyNotRegistered } from '../policy.errors';
import { parsePolicyText } from '../policy-file.loader';
import type { Credentials, RuleDefault } from '../policy.types';
import { parseRule } from '../rule-parser';
import { RuleSet } from '../rule-set';

export const PYTHON = process.env.KEYSTONE_TS_PYTHON ?? '/usr/bin/python3';
const ORACLE = join(__dirname, 'oslo-oracle.py');

/** true/false, or what went wrong instead of a decision. */
export type Outcome = boolean | 'scope' | 'unregistered' | 'error';

export interface LanguageCase {
  readonly rules: Record<string, unknown>;
  readonly defaultRule?: string;
  readonly checks: readonly { rule: string; target: Record<string, unknown>; creds: Credentials }[];
}

export interface EnforcerCase {
  /** Rule defaults, or 'keystone' for Keystone's own list (ours on this side). */
  readonly defaults: readonly RuleDefault[] | 'keystone';
  readonly policyFile?: string;
  readonly enforceScope?: boolean;
  readonly enforceNewDefaults?: boolean;
  readonly checks?: readonly EnforcerCheck[];
  /** Every action x creds x target, sent once instead of as thousands of explicit checks. */
  readonly matrix?: { readonly actions: readonly string[]; readonly creds: readonly Credentials[]; readonly targets: readonly Record<string, unknown>[] };
}

export interface EnforcerCheck {
  readonly action: string;
  readonly target: Record<string, unknown>;
  readonly creds: Credentials;
}

/** The checks of an enforcer case in the order both sides run them. */
export function expandChecks(c: EnforcerCase): EnforcerCheck[] {
  const { actions = [], creds = [], targets = [] } = c.matrix ?? {};
  const matrix = actions.flatMap((action) => creds.flatMap((cr) => targets.map((target) => ({ action, creds: cr, target }))));
  return [...(c.checks ?? []), ...matrix];
}

export interface OracleRequest {
  /** Rules whose parse tree to render (oslo's str(check)). */
  readonly parse?: readonly unknown[];
  /** Policy file texts to parse as a whole. */
  readonly files?: readonly string[];
  readonly language?: readonly LanguageCase[];
  readonly enforcer?: readonly EnforcerCase[];
}

export interface OracleAnswer {
  readonly parse: string[];
  /** Rule name → oslo's str(tree), or `{'<error>': ...}` when the file cannot be used. */
  readonly files: Record<string, string>[];
  readonly language: Outcome[][];
  readonly enforcer: Outcome[][];
}

/** Whether the python side can run here; specs fail loudly when it cannot, unless told to skip. */
export function osloAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import oslo_policy, keystone.common.policies'], { cwd: tmpdir(), stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function askOslo(request: OracleRequest): OracleAnswer {
  // cwd outside the package: Keystone's policies/token.py must not shadow the stdlib.
  const out = execFileSync(PYTHON, [ORACLE], { cwd: tmpdir(), input: JSON.stringify(request), maxBuffer: 64 << 20 });
  return JSON.parse(out.toString('utf8')) as OracleAnswer;
}

export function askOurs(request: OracleRequest): OracleAnswer {
  return {
    parse: (request.parse ?? []).map((rule) => checkToString(parseRule(rule).check)),
    files: (request.files ?? []).map(parseFile),
    language: (request.language ?? []).map(runLanguage),
    enforcer: (request.enforcer ?? []).map(runEnforcer),
  };
}

/** A policy file as our loader reads it; anything it refuses becomes `{'<error>': ...}`. */
function parseFile(text: string): Record<string, string> {
  try {
    const doc = parsePolicyText(text, 'policy.yaml');
    const out: Record<string, string> = {};
    for (const [name, raw] of doc.rules) {
      const parsed = parseRule(raw);
      if (parsed.problems.length > 0) return { '<error>': parsed.problems.join('; ') };
      out[name] = checkToString(parsed.check);
    }
    return out;
  } catch (e) {
    if (e instanceof PolicyFileError) return { '<error>': e.message };
    throw e;
  }
}

function runLanguage(c: LanguageCase): Outcome[] {
  const rules = RuleSet.fromDict(c.rules, c.defaultRule ?? '');
  return c.checks.map((item) => outcome(() => rules.check(item.rule, item.target, item.creds)));
}

function runEnforcer(c: EnforcerCase): Outcome[] {
  const dir = mkdtempSync(join(tmpdir(), 'policy-diff-'));
  try {
    if (c.policyFile !== undefined) writeFileSync(join(dir, 'policy.yaml'), c.policyFile);
    const enforcer = new PolicyEnforcer({
      defaults: c.defaults === 'keystone' ? keystonePolicyDefaults : c.defaults,
      policyFile: join(dir, 'policy.yaml'),
      policyDirs: [],
      enforceScope: c.enforceScope,
      enforceNewDefaults: c.enforceNewDefaults,
    });
    return expandChecks(c).map((item) =>
      outcome(() => {
        enforcer.authorize(item.action, item.target, item.creds);
        return true;
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function outcome(decide: () => boolean): Outcome {
  try {
    return decide();
  } catch (e) {
    if (e instanceof InvalidScope) return 'scope';
    if (e instanceof PolicyNotAuthorized) return false;
    if (e instanceof PolicyNotRegistered) return 'unregistered';
    if (e instanceof PolicyEvaluationError) return 'error';
    throw e; // anything else is a bug in our engine, not a policy outcome
  }
}
