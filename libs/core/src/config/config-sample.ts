import type { OptionDef } from '@keystone-ts/plugin-sdk';
import type { OptionRegistry } from './option-registry';

const WIDTH = 70;

/**
 * `keystone.conf.sample` in oslo-config-generator's layout: `[DEFAULT]`
 * first, then the groups alphabetically; each option commented out at its
 * default, under its help text, its type and its constraints. Rendered from
 * the option registry, so it lists exactly what this build (core, subsystem
 * modules and the loaded plugins) accepts.
 */
export function renderConfigSample(options: OptionRegistry): string {
  const groups = options.groupNames().sort((a, b) => (a === 'DEFAULT' ? -1 : b === 'DEFAULT' ? 1 : a.localeCompare(b)));
  const out: string[] = [];
  for (const group of groups) {
    if (out.length) out.push('');
    out.push(`[${group}]`);
    const help = options.groupHelp(group);
    if (help) out.push('', ...comment(help));
    const byOwner = new Map<string, [string, OptionDef][]>();
    for (const [name, def] of options.options(group)) {
      const owner = options.owner(group, name) ?? 'keystone-ts';
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), [name, def]]);
    }
    for (const [owner, defs] of byOwner) {
      out.push('', '#', `# From ${owner}`, '#');
      for (const [name, def] of defs) out.push('', ...renderOption(name, def));
    }
  }
  return out.join('\n') + '\n';
}

function renderOption(name: string, def: OptionDef): string[] {
  const lines = comment(`${def.help.trim()} (${typeLabel(def)})`);
  if (def.choices?.length) {
    lines.push('# Possible values:', ...def.choices.map((c) => `# ${c}`));
  }
  if (def.min !== undefined) lines.push(`# Minimum value: ${def.min}`);
  if (def.max !== undefined) lines.push(`# Maximum value: ${def.max}`);
  for (const old of def.deprecatedNames ?? []) {
    const [g, n] = old.includes('.') ? old.split('.', 2) : ['-', old];
    lines.push(`# Deprecated group/name - [${g === '-' ? 'DEFAULT' : g}]/${n}`);
  }
  if (def.deprecatedForRemoval) lines.push('# This option is deprecated for removal.', '# Its value may be silently ignored in the future.');
  if (def.secret) lines.push('# (secret: never logged, never shown by the domain config API)');
  const values = sampleValues(def);
  for (const v of values) lines.push(`#${name} = ${v}`.trimEnd());
  return lines;
}

function sampleValues(def: OptionDef): string[] {
  if (def.sampleDefault !== undefined) return [def.sampleDefault];
  const d = def.default;
  if (d === undefined || d === null) return ['<None>'];
  if (def.type === 'multi') return (d as string[]).length ? (d as string[]) : [''];
  if (Array.isArray(d)) return [d.join(',')];
  if (def.type === 'dict') return [Object.entries(d as Record<string, string>).map(([k, v]) => `${k}:${v}`).join(',')];
  return [String(d)];
}

function typeLabel(def: OptionDef): string {
  return { string: 'string value', integer: 'integer value', float: 'floating point value', boolean: 'boolean value', list: 'list value', multi: 'multi valued', dict: 'dict value' }[def.type];
}

/** Word-wrapped `# ` lines, as the oslo generator writes help text. */
function comment(text: string): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    if (lines.length) lines.push('#');
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > WIDTH) {
        lines.push(`# ${line}`);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) lines.push(`# ${line}`);
  }
  return lines;
}
