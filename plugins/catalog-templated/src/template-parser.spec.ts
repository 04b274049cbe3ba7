import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, NotImplemented, type CatalogRequest } from '@keystone-ts/plugin-sdk';
import { loadTemplateFile, locateTemplateFile } from './template-file';
import { parseTemplates, TemplateSyntaxError } from './template-parser';
import { TemplatedCatalogDriver } from './templated-catalog.driver';

const asIs: CatalogRequest = { userId: 'u', projectId: 'p', formatUrl: (url) => ({ kind: 'ok', url }) };

describe('templated catalog: template format and driver', () => {
  it('parses as Keystone does: dashes for underscores, overrides in place, other lines ignored', () => {
    const t = parseTemplates(
      ['# a = comment', 'foo.bar = baz', 'catalog.R.object_store.publicURL = http://s', 'catalog.R.object_store.name = swift', 'catalog.R.object_store.publicURL = http://s2', 'catalog.R.x.a.b = deep'].join('\n'),
    );
    expect([...t.get('R')!.keys()]).toEqual(['object-store', 'x']);
    expect([...t.get('R')!.get('object-store')!]).toEqual([
      ['publicURL', 'http://s2'],
      ['name', 'swift'],
    ]);
    expect(t.get('R')!.get('x')!.get('a')).toBe('deep');
  });

  it('refuses the catalog lines Keystone would crash on', () => {
    expect(() => parseTemplates('catalog.R.identity = x')).toThrow(TemplateSyntaxError);
    expect(() => parseTemplates('catalog.R.identity.publicURL = a = b', 'f')).toThrow('f:1: expected exactly one " = " in a catalog line');
  });

  it('finds a relative template file next to the config files, and stops the start without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-templates-'));
    try {
      writeFileSync(join(dir, 'my.templates'), 'catalog.R.identity.publicURL = http://k\n');
      expect(locateTemplateFile('my.templates', [join(dir, 'keystone.conf')])).toBe(join(dir, 'my.templates'));
      expect(loadTemplateFile('my.templates', [join(dir, 'keystone.conf')]).size).toBe(1);
      expect(() => loadTemplateFile('absent.templates', [join(dir, 'keystone.conf')])).toThrow(ConfigurationError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves ids made from the template and refuses writes with 501', async () => {
    const d = new TemplatedCatalogDriver(parseTemplates('catalog.R.identity.publicURL = http://k\ncatalog.R.identity.name = ks\n'));
    expect(await d.getEndpoint('R-identity-public')).toEqual({
      id: 'R-identity-public', service_id: 'identity', interface: 'public', url: 'http://k', legacy_endpoint_id: null, region_id: 'R', enabled: true,
    });
    expect(await d.getService('identity')).toEqual({ id: 'identity', enabled: true, name: 'ks', description: '', type: 'identity' });
    expect(await d.getV3Catalog(asIs)).toEqual([{ type: 'identity', endpoints: [{ interface: 'public', region: 'R', url: 'http://k' }], name: 'ks' }]);
    await expect(d.getRegion('X')).rejects.toThrow('Could not find region: X.');
    await expect(d.createRegion()).rejects.toBeInstanceOf(NotImplemented);
    await expect(d.deleteEndpoint()).rejects.toBeInstanceOf(NotImplemented);
  });
});
