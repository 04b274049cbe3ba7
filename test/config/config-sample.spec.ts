import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigSample, KeystoneConfig } from '@keystone-ts/core';
import { bootKeystone } from '@keystone-ts/server';

const SAMPLE = join(__dirname, '..', '..', 'config', 'keystone.conf.sample');

describe('config/keystone.conf.sample', () => {
  const runtime = bootKeystone(['--config-file', '/dev/null']);
  const rendered = renderConfigSample(runtime.options);

  it('is what the option registry renders now (regenerate: npm run build && npm run config:sample)', () => {
    expect(readFileSync(SAMPLE, 'utf8')).toBe(rendered);
  });

  it('lists every registered option of every group, DEFAULT first', () => {
    const groups = [...rendered.matchAll(/^\[([^\]]+)\]$/gm)].map((m) => m[1]);
    expect(groups[0]).toBe('DEFAULT');
    expect(new Set(groups)).toEqual(new Set(runtime.options.groupNames()));
    const listed = new Map<string, Set<string>>();
    let current = '';
    for (const line of rendered.split('\n')) {
      const header = /^\[([^\]]+)\]$/.exec(line);
      if (header) listed.set((current = header[1]), new Set());
      const option = /^#([a-z_0-9]+) =/.exec(line);
      if (option) listed.get(current)?.add(option[1]);
    }
    for (const g of runtime.options.groupNames()) {
      expect([g, [...(listed.get(g) ?? [])].sort()]).toEqual([g, runtime.options.options(g).map(([n]) => n).sort()]);
    }
  });

  it('is a valid keystone.conf once uncommented: every default parses back to itself', () => {
    // Headers stay; `#name = value` lines lose their '#', except placeholders like <None>.
    const text = rendered
      .split('\n')
      .filter((l) => /^\[[^\]]+\]$/.test(l) || (/^#[a-z_0-9]+ = /.test(l) && !/= <[^>]+>$/.test(l)))
      .map((l) => (l.startsWith('#') ? l.slice(1) : l))
      .join('\n');
    const options = runtime.options;
    const config = KeystoneConfig.fromText(text, options);
    config.validateAll();
    let compared = 0;
    for (const g of options.groupNames()) {
      for (const [name, def] of options.options(g)) {
        if (def.default === null || def.default === undefined || def.sampleDefault !== undefined || def.interpolate) continue;
        expect([g, name, config.get(g, name)]).toEqual([g, name, def.default]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
