import { Conflict, DriverHints, NotFound, ValidationError, type NewProject } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { SqlResourceDriver } from './sql-resource.driver';
import { ROOT_DOMAIN_ID } from './project-rows';
import { keystoneTestDb } from './testing/keystone-test-db';

const domain = (name: string): NewProject => ({ name, domain_id: null, parent_id: null, is_domain: true, enabled: true, description: '' });
const project = (name: string, domainId: string, parentId = domainId, extra: Record<string, unknown> = {}): NewProject => ({
  name,
  domain_id: domainId,
  parent_id: parentId,
  is_domain: false,
  enabled: true,
  description: '',
  ...extra,
});

describe(`SqlResourceDriver on ${process.env.KEYSTONE_TS_TEST_PG_URL ? 'PostgreSQL' : 'SQLite'} (Keystone 22 schema)`, () => {
  let knex: Knex;
  let close: () => Promise<void>;
  let driver: SqlResourceDriver;
  let db: 'sqlite' | 'postgresql';
  const bool = (v: boolean) => (db === 'sqlite' ? Number(v) : v);

  beforeEach(async () => {
    let dialect: 'sqlite' | 'postgresql';
    ({ knex, dialect, close } = await keystoneTestDb());
    db = dialect;
    driver = new SqlResourceDriver(() => knex, dialect);
    await driver.createProject('d1', domain('D1'));
    await driver.createProject('p1', project('P1', 'd1', 'd1', { tags: ['a', 'b'], color: 'red' }));
    await driver.createProject('p2', project('P2', 'd1', 'p1', { tags: ['b'] }));
    await driver.createProject('p3', project('P3', 'd1', 'p2', { enabled: false }));
  });
  afterEach(() => close());

  it('stores rows as Keystone does: encoded root domain id, 0/1 booleans, JSON extra, option ids', async () => {
    await driver.updateProject('p1', { options: { immutable: true } });
    const d = await knex('project').where({ id: 'd1' }).first();
    expect(d).toMatchObject({ domain_id: ROOT_DOMAIN_ID, parent_id: null, is_domain: bool(true), enabled: bool(true), extra: '{}' });
    expect(JSON.parse((await knex('project').where({ id: 'p1' }).first()).extra)).toEqual({ color: 'red' });
    expect(await knex('project_option').where({ project_id: 'p1' })).toEqual([{ project_id: 'p1', option_id: 'IMMU', option_value: 'true' }]);
  });

  it('reads a project with extras, tags and options, and never shows the root', async () => {
    expect(await driver.getProject('p1')).toEqual({
      color: 'red', id: 'p1', name: 'P1', domain_id: 'd1', description: '', enabled: true,
      parent_id: 'd1', is_domain: false, tags: expect.arrayContaining(['a', 'b']), options: {},
    });
    expect((await driver.getProject('d1')).domain_id).toBeNull();
    await expect(driver.getProject(ROOT_DOMAIN_ID)).rejects.toThrow(new NotFound(`Could not find project: ${ROOT_DOMAIN_ID}.`));
    expect((await driver.listProjects(new DriverHints())).map((p) => p.id).sort()).toEqual(['d1', 'p1', 'p2', 'p3']);
  });

  it('finds by name within a domain, or among domains with a null domain', async () => {
    expect((await driver.getProjectByName('P2', 'd1')).id).toBe('p2');
    expect((await driver.getProjectByName('D1', null)).id).toBe('d1');
    await expect(driver.getProjectByName('P2', null)).rejects.toBeInstanceOf(NotFound);
    await expect(driver.getProjectByName(ROOT_DOMAIN_ID, ROOT_DOMAIN_ID)).rejects.toBeInstanceOf(NotFound);
  });

  it('refuses a duplicate name in a domain or a duplicate id with Conflict', async () => {
    await expect(driver.createProject('p9', project('P1', 'd1'))).rejects.toBeInstanceOf(Conflict);
    await expect(driver.createProject('p1', project('other', 'd1'))).rejects.toBeInstanceOf(Conflict);
    await expect(driver.createProject('d2', domain('D1'))).rejects.toBeInstanceOf(Conflict);
    await expect(driver.updateProject('p2', { name: 'P1' })).rejects.toBeInstanceOf(Conflict);
  });

  it('filters in SQL (booleans as Keystone parses them, names case-insensitively) and truncates', async () => {
    const h = new DriverHints().addFilter('is_domain', 'false').addFilter('enabled', 'f');
    expect((await driver.listProjects(h)).map((p) => p.id)).toEqual(['p3']);
    expect(h.filters).toEqual([]);
    const contains = new DriverHints().addFilter('name', 'p', 'contains', false);
    expect((await driver.listProjects(contains)).map((p) => p.id).sort()).toEqual(['p1', 'p2', 'p3']);
    const limited = new DriverHints().addFilter('domain_id', 'd1').setLimit(2);
    expect(await driver.listProjects(limited)).toHaveLength(2);
    expect(limited.limit?.truncated).toBe(true);
  });

  it('filters by tags: all, any, not all, none', async () => {
    const ids = async (tags: object) => (await driver.listProjects(new DriverHints().addFilter('is_domain', false), tags)).map((p) => p.id).sort();
    expect(await ids({ tags: ['a', 'b'] })).toEqual(['p1']);
    expect(await ids({ tagsAny: ['a', 'b'] })).toEqual(['p1', 'p2']);
    expect(await ids({ notTags: ['a', 'b'] })).toEqual(['p2', 'p3']);
    expect(await ids({ notTagsAny: ['a', 'b'] })).toEqual(['p3']);
    expect(await ids({ tags: ['b'], notTagsAny: ['a'] })).toEqual(['p2']);
    expect(await ids({ tags: ['nope'], notTags: ['a'] })).toEqual([]);
  });

  it('walks the hierarchy: parents nearest first, subtree breadth first, leaves, domains', async () => {
    expect((await driver.listProjectParents('p3')).map((p) => p.id)).toEqual(['p2', 'p1', 'd1']);
    expect((await driver.listProjectsInSubtree('d1')).map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(await driver.isLeafProject('p3')).toBe(true);
    expect(await driver.isLeafProject('p1')).toBe(false);
    expect((await driver.listProjectsInDomain('d1')).map((p) => p.id).sort()).toEqual(['p1', 'p2', 'p3']);
    await expect(driver.listProjectsInDomain('nope')).rejects.toThrow('Could not find domain: nope.');
    expect(await driver.listProjectIdsFromDomainIds(['d1'])).toHaveLength(3);
    expect((await driver.listProjectsFromIds(['p1', 'nope', ROOT_DOMAIN_ID])).map((p) => p.id)).toEqual(['p1']);
    expect(await driver.checkProjectDepth(3)).toEqual(['p3']);
  });

  it('updates like Keystone: extras merge, tags replace (deduplicated), null options are removed', async () => {
    const updated = await driver.updateProject('p1', { shape: 'round', tags: ['x', 'x', 'y'], options: { immutable: false } });
    expect(updated).toMatchObject({ color: 'red', shape: 'round', extra: { color: 'red', shape: 'round' }, options: { immutable: false } });
    expect(updated.tags.sort()).toEqual(['x', 'y']);
    const cleared = await driver.updateProject('p1', { options: { immutable: null } });
    expect(cleared.options).toEqual({});
    expect(cleared.tags.sort()).toEqual(['x', 'y']);
  });

  it('deletes a project with its tags and options, and several at once', async () => {
    await driver.updateProject('p3', { options: { immutable: true } });
    await driver.deleteProject('p3');
    expect(await knex('project_tag').where({ project_id: 'p3' })).toEqual([]);
    expect(await knex('project_option').where({ project_id: 'p3' })).toEqual([]);
    await expect(driver.deleteProject('p3')).rejects.toBeInstanceOf(NotFound);
    await driver.deleteProjectsFromIds(['p2', 'p1', 'unknown', ROOT_DOMAIN_ID]);
    expect((await knex('project').select('id')).map((r) => r.id).sort()).toEqual([ROOT_DOMAIN_ID, 'd1'].sort());
  });

  it('answers NUL characters and over-long values without a database error (PostgreSQL refuses them)', async () => {
    const nul = 'p1\u0000x';
    await expect(driver.getProject(nul)).rejects.toBeInstanceOf(NotFound);
    await expect(driver.getProjectByName(nul, 'd1')).rejects.toBeInstanceOf(NotFound);
    expect(await driver.listProjects(new DriverHints().addFilter('name', nul, 'contains', false))).toEqual([]);
    expect(await driver.listProjects(new DriverHints().addFilter('name', 'P1'), { notTagsAny: [nul] })).toHaveLength(1);
    expect(await driver.listProjectsInSubtree(nul)).toEqual([]);
    await driver.deleteProjectsFromIds([nul]);
    if (db === 'postgresql') {
      await expect(driver.createProject('p9', project(nul, 'd1'))).rejects.toBeInstanceOf(ValidationError);
      await expect(driver.createProject('p9', project('x'.repeat(65), 'd1'))).rejects.toBeInstanceOf(ValidationError);
    }
  });
});
