import { Conflict, NotFound, type DriverHints, type EndpointFilterDriver, type EndpointGroupRecord, type NewEndpointGroup } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { applyHintFilters } from '../common/knex-filters';
import { assertFits } from './catalog-rows';

const GROUP_FILTER_COLUMNS = { id: 'id', name: 'name', description: 'description' };

/** Keystone's endpoint filter (OS-EP-FILTER) tables: `project_endpoint`, `endpoint_group`, `project_endpoint_group`. */
export class SqlEndpointFilterDriver implements EndpointFilterDriver {
  constructor(private readonly db: () => Knex) {}

  async addEndpointToProject(endpointId: string, projectId: string): Promise<void> {
    const row = { endpoint_id: endpointId, project_id: projectId };
    assertFits('project_endpoint', row);
    await this.db().transaction(async (trx) => {
      if (await trx('project_endpoint').where(row).first('endpoint_id')) throw Conflict.duplicate('project_endpoint', 'Duplicate entry');
      await trx('project_endpoint').insert(row);
    });
  }

  async checkEndpointInProject(endpointId: string, projectId: string): Promise<void> {
    if (!(await this.db()('project_endpoint').where({ endpoint_id: endpointId, project_id: projectId }).first('endpoint_id'))) {
      throw notInProject(endpointId, projectId);
    }
  }

  async removeEndpointFromProject(endpointId: string, projectId: string): Promise<void> {
    const n = await this.db()('project_endpoint').where({ endpoint_id: endpointId, project_id: projectId }).delete();
    if (n === 0) throw notInProject(endpointId, projectId);
  }

  async listEndpointIdsForProject(projectId: string): Promise<string[]> {
    return (await this.db()('project_endpoint').where({ project_id: projectId }).select('endpoint_id')).map((r) => r.endpoint_id as string);
  }

  async listProjectIdsForEndpoint(endpointId: string): Promise<string[]> {
    return (await this.db()('project_endpoint').where({ endpoint_id: endpointId }).select('project_id')).map((r) => r.project_id as string);
  }

  async deleteAssociationsByEndpoint(endpointId: string): Promise<void> {
    await this.db()('project_endpoint').where({ endpoint_id: endpointId }).delete();
  }

  async deleteAssociationsByProject(projectId: string): Promise<void> {
    await this.db()('project_endpoint').where({ project_id: projectId }).delete();
  }

  async createEndpointGroup(groupId: string, group: NewEndpointGroup): Promise<EndpointGroupRecord> {
    assertFits('endpoint_group', { id: groupId, name: group.name });
    if (await this.db()('endpoint_group').where({ id: groupId }).first('id')) throw Conflict.duplicate('endpoint_group', `Duplicate entry found with ID ${groupId}`);
    await this.db()('endpoint_group').insert({ id: groupId, name: group.name, description: group.description ?? null, filters: JSON.stringify(group.filters) });
    return this.getEndpointGroup(groupId);
  }

  async getEndpointGroup(groupId: string): Promise<EndpointGroupRecord> {
    const row = await this.db()('endpoint_group').where({ id: groupId }).first();
    if (!row) throw new NotFound(`Could not find Endpoint Group: ${groupId}.`);
    return toGroup(row);
  }

  async updateEndpointGroup(groupId: string, patch: Partial<NewEndpointGroup>): Promise<EndpointGroupRecord> {
    const merged = { ...(await this.getEndpointGroup(groupId)), ...patch };
    assertFits('endpoint_group', merged);
    await this.db()('endpoint_group')
      .where({ id: groupId })
      .update({ name: merged.name, description: merged.description ?? null, filters: JSON.stringify(merged.filters) });
    return this.getEndpointGroup(groupId);
  }

  async deleteEndpointGroup(groupId: string): Promise<void> {
    await this.db().transaction(async (trx) => {
      if (!(await trx('endpoint_group').where({ id: groupId }).first('id'))) throw new NotFound(`Could not find Endpoint Group: ${groupId}.`);
      await trx('project_endpoint_group').where({ endpoint_group_id: groupId }).delete();
      await trx('endpoint_group').where({ id: groupId }).delete();
    });
  }

  async listEndpointGroups(hints: DriverHints): Promise<EndpointGroupRecord[]> {
    const q = this.db()('endpoint_group').select('*');
    applyHintFilters(q as never, hints, GROUP_FILTER_COLUMNS);
    return (await q).map(toGroup);
  }

  async addEndpointGroupToProject(groupId: string, projectId: string): Promise<void> {
    const row = { endpoint_group_id: groupId, project_id: projectId };
    assertFits('project_endpoint_group', row);
    await this.db().transaction(async (trx) => {
      if (await trx('project_endpoint_group').where(row).first('project_id')) throw Conflict.duplicate('project_endpoint_group', 'Duplicate entry');
      await trx('project_endpoint_group').insert(row);
    });
  }

  async getEndpointGroupInProject(groupId: string, projectId: string): Promise<{ endpoint_group_id: string; project_id: string }> {
    const row = await this.db()('project_endpoint_group').where({ endpoint_group_id: groupId, project_id: projectId }).first();
    if (!row) throw new NotFound('Endpoint Group Project Association not found');
    return { endpoint_group_id: row.endpoint_group_id as string, project_id: row.project_id as string };
  }

  async removeEndpointGroupFromProject(groupId: string, projectId: string): Promise<void> {
    const n = await this.db()('project_endpoint_group').where({ endpoint_group_id: groupId, project_id: projectId }).delete();
    if (n === 0) throw new NotFound('Endpoint Group Project Association not found');
  }

  async listEndpointGroupsForProject(projectId: string): Promise<EndpointGroupRecord[]> {
    const rows = await this.db()('endpoint_group as g').join('project_endpoint_group as pg', 'pg.endpoint_group_id', 'g.id').where('pg.project_id', projectId).select('g.*');
    return rows.map(toGroup);
  }

  async listProjectIdsForEndpointGroup(groupId: string): Promise<string[]> {
    return (await this.db()('project_endpoint_group').where({ endpoint_group_id: groupId }).select('project_id')).map((r) => r.project_id as string);
  }

  async deleteEndpointGroupAssociationsByProject(projectId: string): Promise<void> {
    await this.db()('project_endpoint_group').where({ project_id: projectId }).delete();
  }
}

function notInProject(endpointId: string, projectId: string): NotFound {
  return new NotFound(`Endpoint ${endpointId} not found in project ${projectId}`);
}

function toGroup(row: Record<string, unknown>): EndpointGroupRecord {
  let filters: unknown = {};
  try {
    filters = JSON.parse(String(row.filters));
  } catch {
    // A row Keystone would also fail to load; show no filters rather than fail the listing.
  }
  return {
    id: row.id as string,
    name: row.name as string,
    description: (row.description as string | null) ?? null,
    filters: filters && typeof filters === 'object' && !Array.isArray(filters) ? (filters as Record<string, unknown>) : {},
  };
}
