import { DriverHints, Forbidden, NotFound, ValidationError } from '@keystone-ts/plugin-sdk';
import { resourceTestBed } from '../test/resource-test-bed';
import type { ResourceManager } from './resource.manager';

describe('ResourceManager: projects (real SQLite, Keystone 22 schema)', () => {
  let m: ResourceManager;
  let recorded: { calls: string[] };
  let close: () => Promise<void>;

  beforeEach(async () => {
    ({ manager: m, recorded, close } = await resourceTestBed());
    await m.createDomain('d', { name: 'D' });
    await m.createProject('a', { name: 'A', domain_id: 'd' });
    await m.createProject('b', { name: 'B', domain_id: 'd', parent_id: 'a', tags: ['x'] });
    await m.createProject('c', { name: 'C', domain_id: 'd', parent_id: 'b' });
    recorded.calls.length = 0;
  });
  afterEach(() => close());

  it('reads by name and in bulk, and walks the tree', async () => {
    expect((await m.getProjectByName('B', 'd')).id).toBe('b');
    await expect(m.getProjectByName('B', 'other')).rejects.toBeInstanceOf(NotFound);
    expect((await m.listProjectsFromIds(['c', 'a', 'zz'])).map((p) => p.id).sort()).toEqual(['a', 'c']);
    expect((await m.listProjectIdsFromDomainIds(['d'])).sort()).toEqual(['a', 'b', 'c']);
    expect((await m.listProjectParents('c')).map((p) => p.id)).toEqual(['b', 'a', 'd']);
    expect((await m.listProjectsInSubtree('a')).map((p) => p.id)).toEqual(['b', 'c']);
    await expect(m.listProjectsInSubtree('zz')).rejects.toThrow('Could not find project: zz.');
    expect(await m.projectSubtreeAsIds('a')).toEqual({ b: { c: null } });
    expect(await m.projectParentsAsIds((await m.getProject('c')) as never)).toEqual({ b: { a: { d: null } } });
  });

  it('lists projects with tag filters taken out of the hints, domains included unless filtered', async () => {
    const ids = async (h: DriverHints) => (await m.listProjects(h)).refs.map((p) => p.id).sort();
    expect(await ids(new DriverHints())).toEqual(['a', 'b', 'c', 'd']);
    expect(await ids(new DriverHints().addFilter('tags', 'x'))).toEqual(['b']);
    expect(await ids(new DriverHints().addFilter('is_domain', '0').addFilter('not-tags-any', 'x,y'))).toEqual(['a', 'c']);
    // A case-sensitive pattern is narrowed in SQL and finished here.
    expect(await ids(new DriverHints().addFilter('name', 'b', 'contains', true))).toEqual([]);
  });

  it('revokes on disable and on delete, and clears the project\'s assignments', async () => {
    await m.updateProject('c', { enabled: false });
    expect(recorded.calls).toEqual(['revoke.revokeByProject:c']);
    recorded.calls.length = 0;
    await m.deleteProject('c');
    expect(recorded.calls).toEqual(['assignment.deleteProjectAssignments:c', 'revoke.revokeByProject:c']);
  });

  it('deletes a whole disabled subtree with cascade, leaves first; refuses while any of it is enabled', async () => {
    await expect(m.deleteProject('a', true)).rejects.toThrow(new Forbidden('Cannot delete project a since its subtree contains enabled projects.'));
    await m.updateProject('a', { enabled: false }, true);
    expect((await m.listProjectsInSubtree('a')).every((p) => p.enabled === false)).toBe(true);
    recorded.calls.length = 0;
    await m.deleteProject('a', true);
    expect(recorded.calls.filter((c) => c.startsWith('assignment'))).toEqual([
      'assignment.deleteProjectAssignments:c',
      'assignment.deleteProjectAssignments:b',
      'assignment.deleteProjectAssignments:a',
    ]);
    await expect(m.getProject('b')).rejects.toBeInstanceOf(NotFound);
  });

  it('allows only `enabled` in a cascading update', async () => {
    await expect(m.updateProject('a', { enabled: false, name: 'Z' }, true)).rejects.toThrow(
      new ValidationError('Cascade update is only allowed for enabled attribute.'),
    );
  });

  it('manages tags like Keystone: stripped on add, 404 for an absent one, write-through of the project', async () => {
    expect(await m.createProjectTag('a', ' red ')).toBe('red');
    expect(await m.listProjectTags('a')).toEqual(['red']);
    expect(await m.getProjectTag('a', 'red')).toBe('red');
    await expect(m.getProjectTag('a', 'blue')).rejects.toThrow('Could not find project tag: blue.');
    expect(await m.updateProjectTags('a', [' p', 'q '])).toEqual(['p', 'q']);
    await m.deleteProjectTag('a', 'p');
    expect(await m.listProjectTags('a')).toEqual(['q']);
    await expect(m.deleteProjectTag('a', 'p')).rejects.toBeInstanceOf(NotFound);
  });

  it('keeps Keystone\'s enabled quirks on tag writes to a disabled project under a disabled parent', async () => {
    await m.updateProject('c', { enabled: false });
    await m.updateProject('b', { enabled: false });
    // Replacing tags sends no `enabled`, which Keystone reads as enabling: the parents are re-checked.
    await expect(m.updateProjectTags('c', ['t'])).rejects.toThrow('Cannot enable project c since it has disabled parents');
    await m.updateProject('c', { tags: ['t'], enabled: false });
    // Deleting one tag writes the whole project back, `enabled: false` included, so it passes.
    await m.deleteProjectTag('c', 't');
    expect(await m.listProjectTags('c')).toEqual([]);
  });

  it('honours max_project_tree_depth from [resource] and from its Keystone location, [DEFAULT]', async () => {
    for (const conf of ['[resource]\nmax_project_tree_depth = 1\n', '[DEFAULT]\nmax_project_tree_depth = 1\n']) {
      const bed = await resourceTestBed(conf);
      await bed.manager.createDomain('d', { name: 'D' });
      await bed.manager.createProject('a', { name: 'A', domain_id: 'd' });
      await expect(bed.manager.createProject('b', { name: 'B', domain_id: 'd', parent_id: 'a' })).rejects.toThrow('Max hierarchy depth reached for a branch.');
      await bed.close();
    }
  });

  it('refuses URL-unsafe project names when [resource] project_name_url_safe is set', async () => {
    const bed = await resourceTestBed('[resource]\nproject_name_url_safe = strict\n');
    await bed.manager.createDomain('d', { name: 'D' });
    await expect(bed.manager.createProject('p', { name: 'a#b', domain_id: 'd' })).rejects.toThrow(
      new ValidationError('Project name cannot contain the following reserved characters: #'),
    );
    await bed.close();
  });
});
