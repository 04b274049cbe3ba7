import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Conflict, NotImplemented } from '@keystone-ts/plugin-sdk';
import { catalogTestBed, project, type CatalogTestBed } from '../test/catalog-test-bed';

const PYTHON = '/usr/bin/python3';
const FIXTURES = join(__dirname, '..', 'test', 'fixtures');
const SAMPLE = join(__dirname, '..', '..', '..', 'config', 'default_catalog.templates');

/** Keystone 22's own templated backend on the same file, default configuration. */
const PY = `
import json, logging, sys
import keystone.conf
logging.disable(logging.CRITICAL)
keystone.conf.configure()
keystone.conf.CONF([], project='keystone', default_config_files=[])
from keystone.catalog.backends import templated
with open(sys.argv[1]) as f:
    c = templated.Catalog(templates=templated.parse_templates(f))
print(json.dumps({
    'project': c.get_v3_catalog('u1', 'p1'),
    'domain': c.get_v3_catalog('u1', None),
    'regions': c.list_regions(None),
    'services': c.list_services(None),
    'endpoints': c.list_endpoints(None),
}))
`;

function keystone(file: string): Record<string, unknown> {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} with Keystone 22 is needed for this test`);
  return JSON.parse(execFileSync(PYTHON, ['-c', PY, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
}

describe('templated catalog backend: same catalog as Keystone 22 on the same template file', () => {
  let t: CatalogTestBed;
  afterEach(() => t?.close());

  for (const [label, file] of [
    ['a Liberty-style default_catalog.templates', join(FIXTURES, 'liberty_catalog.templates')],
    ['edge cases (CRLF, overrides, malformed values, several regions)', join(FIXTURES, 'edge_catalog.templates')],
    ["keystone-ts's sample config/default_catalog.templates", SAMPLE],
  ]) {
    it(`matches for ${label}`, async () => {
      t = await catalogTestBed(`[catalog]\ndriver = templated\ntemplate_file = ${file}\n`);
      const expected = keystone(file);
      expect({
        project: await t.catalog.getCatalog('u1', 'p1'),
        domain: await t.catalog.getCatalog('u1', null),
        regions: (await t.catalog.listRegions()).refs,
        services: (await t.catalog.listServices()).refs,
        endpoints: (await t.catalog.listEndpoints()).refs,
      }).toEqual(expected);
    });
  }

  it("refuses writes with Keystone's 501 (after its own 409 and 400 checks) and ignores endpoint filters", async () => {
    t = await catalogTestBed(`[catalog]\ndriver = templated\ntemplate_file = ${join(FIXTURES, 'liberty_catalog.templates')}\n`);
    await expect(t.catalog.createRegion({ id: 'RegionOne' })).rejects.toBeInstanceOf(Conflict);
    await expect(t.catalog.createRegion({ id: 'RegionTwo' })).rejects.toThrow(new NotImplemented('The action you have requested has not been implemented.'));
    await expect(t.catalog.createService({ type: 'x' })).rejects.toBeInstanceOf(NotImplemented);
    await expect(t.catalog.updateRegion('ghost', { parent_region_id: 'ghost' })).rejects.toBeInstanceOf(NotImplemented);
    await expect(t.catalog.updateEndpoint('RegionOne-image-public', { url: 'http://x' })).rejects.toBeInstanceOf(NotImplemented);
    await expect(t.catalog.deleteService('image')).rejects.toBeInstanceOf(NotImplemented);
    expect(await t.catalog.getEndpoint('RegionOne-image-public')).toMatchObject({ url: 'http://localhost:9292', service_id: 'image' });
    t.projects.set('p1', project('p1'));
    await expect(t.filters.addEndpointToProject('p1', 'RegionOne-image-public')).rejects.toBeInstanceOf(NotImplemented);
    await expect(t.filters.listEndpointGroupsForProject('p1')).rejects.toBeInstanceOf(NotImplemented);
    await t.catalog.deleteProjectAssociations('p1');
  });

  it('stops the start when the template file is missing, naming it', async () => {
    await expect(catalogTestBed('[catalog]\ndriver = templated\ntemplate_file = /nonexistent/default_catalog.templates\n')).rejects.toThrow(
      'Unable to open template file /nonexistent/default_catalog.templates',
    );
  });
});
