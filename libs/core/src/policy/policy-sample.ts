/**
 * Renders a sample policy file from rule defaults, byte for byte what
 * `oslopolicy-sample-generator --namespace keystone` writes: every rule
 * commented out, preceded by its wrapped description, operations and intended
 * scopes, and followed by deprecation notes. Operators diff the two, so the
 * format is oslo's, including its spacing quirks.
 */
import type { RuleDefault } from './policy.types';
import { pyStr } from './python-value.util';
import { wrapText } from './text-wrap.util';

export interface SampleOptions {
  /** oslopolicy-sample-generator's --exclude-deprecated. */
  readonly excludeDeprecated?: boolean;
}

const RENAME_WARNING = [
  '# WARNING: A rule name change has been identified.',
  '#          This may be an artifact of new rules being',
  '#          included which require legacy fallback',
  '#          rules to ensure proper policy behavior.',
  '#          Alternatively, this may just be an alias.',
  '#          Please evaluate on a case by case basis',
  '#          keeping in mind the format for aliased',
  '#          rules is:',
  '#          "old_rule_name": "new_rule_name".',
].join('\n');

export function renderPolicySample(defaults: readonly RuleDefault[], options: SampleOptions = {}): string {
  return defaults.map((rule) => renderRule(rule, !options.excludeDeprecated)).join('');
}

function renderRule(rule: RuleDefault, withDeprecations: boolean): string {
  let text = `"${rule.name}": "${rule.checkStr}"\n`;
  const operations = (rule.operations ?? [])
    .filter((op) => pyTruthy(op.method) && op.path !== '')
    .map((op) => `# ${pyStr(op.method)}  ${op.path}\n`)
    .join('');
  const scopes = rule.scopeTypes === undefined ? '' : `# Intended scope(s): ${rule.scopeTypes.join(', ')}\n`;
  text = `${operations}${scopes}#${text}\n`;
  if (rule.description) text = `${formatHelp(rule.description)}\n${text}`;
  if (!withDeprecations) return text;

  if (rule.deprecatedForRemoval) {
    return `# DEPRECATED\n# "${rule.name}" has been deprecated since ${pyStr(rule.deprecatedSince)}.\n` +
      `${formatHelp(rule.deprecatedReason)}\n${text}`;
  }
  const old = rule.deprecatedRule;
  if (old === undefined) return text;
  const since = old.deprecatedSince || rule.deprecatedSince;
  const notice = `"${old.name}":"${old.checkStr}" has been deprecated since ${pyStr(since)} in favor of ` +
    `"${rule.name}":"${rule.checkStr}".`;
  text += `# DEPRECATED\n${formatHelp(notice)}\n${formatHelp(old.deprecatedReason || rule.deprecatedReason)}\n`;
  if (rule.name !== old.name) text += `${RENAME_WARNING}\n# "${old.name}": "rule:${rule.name}"\n`;
  return `${text}\n`;
}

/** oslo's _format_help_text: paragraphs wrapped at 70 as `# ` comments, indented lines kept verbatim. */
function formatHelp(description: string | undefined): string {
  if (!description) return '#';
  const lines: string[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    lines.push(...wrapText(paragraph.join(' '), { width: 70, initialIndent: '# ', subsequentIndent: '# ' }));
    paragraph = [];
  };
  for (const line of pySplitLines(pyStrip(description))) {
    if (pyStrip(line) === '') {
      flush();
      lines.push('#');
    } else if (line === pyLstrip(line)) {
      paragraph.push(pyRstrip(line));
    } else {
      // A literal block; oslo separates it from a preceding paragraph with a blank comment.
      if (paragraph.length > 0) {
        flush();
        lines.push('#');
      }
      lines.push(`# ${pyRstrip(line)}`);
    }
  }
  if (paragraph.length > 0) flush();
  return lines.join('\n');
}

const PY_SPACE = '[\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const pyLstrip = (s: string): string => s.replace(new RegExp(`^${PY_SPACE}+`), '');
const pyRstrip = (s: string): string => s.replace(new RegExp(`${PY_SPACE}+$`), '');
const pyStrip = (s: string): string => pyLstrip(pyRstrip(s));

function pySplitLines(s: string): string[] {
  const parts = s.split(/\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function pyTruthy(value: string | readonly string[]): boolean {
  return value.length > 0;
}
