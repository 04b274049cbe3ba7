/**
 * Catalog: regions, services and endpoints, plus the two catalog extensions
 * Keystone folded into core: endpoint filtering (project_endpoint,
 * endpoint_group, project_endpoint_group) and endpoint policy (policy,
 * policy_association).
 */
import { boolean, index, table, text, unique, varchar } from '../schema-dsl';

export const regionTable = table('region', [
  varchar('id', 255, { primaryKey: true }),
  varchar('description', 255, { notNull: true }),
  // No foreign key to region.id: Keystone checks the hierarchy in code.
  varchar('parent_region_id', 255),
  text('extra'),
]);

export const serviceTable = table('service', [
  varchar('id', 64, { primaryKey: true }),
  varchar('type', 255),
  boolean('enabled', { notNull: true, default: '1' }),
  text('extra'),
]);

export const endpointTable = table(
  'endpoint',
  [
    varchar('id', 64, { primaryKey: true }),
    varchar('legacy_endpoint_id', 64),
    varchar('interface', 8, { notNull: true }),
    varchar('service_id', 64, {
      notNull: true,
      references: { table: 'service', column: 'id', name: 'endpoint_service_id_fkey' },
    }),
    text('url', { notNull: true }),
    text('extra'),
    boolean('enabled', { notNull: true, default: '1' }),
    varchar('region_id', 255, { references: { table: 'region', column: 'id', name: 'fk_endpoint_region_id' } }),
  ],
  // Historical index name, kept by Keystone.
  { indexes: [index('service_id', ['service_id'])] },
);

export const projectEndpointTable = table('project_endpoint', [
  varchar('endpoint_id', 64, { primaryKey: true }),
  varchar('project_id', 64, { primaryKey: true }),
]);

export const endpointGroupTable = table('endpoint_group', [
  varchar('id', 64, { primaryKey: true }),
  varchar('name', 255, { notNull: true }),
  text('description'),
  text('filters', { notNull: true }),
]);

export const projectEndpointGroupTable = table(
  'project_endpoint_group',
  [
    varchar('endpoint_group_id', 64, { notNull: true, references: { table: 'endpoint_group', column: 'id' } }),
    varchar('project_id', 64, { notNull: true }),
  ],
  { primaryKey: ['endpoint_group_id', 'project_id'] },
);

/** Policy blobs (the v3 /policies API) that endpoints can be associated with. */
export const policyTable = table('policy', [
  varchar('id', 64, { primaryKey: true }),
  varchar('type', 255, { notNull: true }),
  text('blob', { notNull: true }),
  text('extra'),
]);

export const policyAssociationTable = table(
  'policy_association',
  [
    varchar('id', 64, { primaryKey: true }),
    varchar('policy_id', 64, { notNull: true }),
    varchar('endpoint_id', 64),
    varchar('service_id', 64),
    varchar('region_id', 64),
  ],
  { constraints: [unique(null, ['endpoint_id', 'service_id', 'region_id'])] },
);

export const catalogTables = [
  regionTable,
  serviceTable,
  endpointTable,
  projectEndpointTable,
  endpointGroupTable,
  projectEndpointGroupTable,
  policyTable,
  policyAssociationTable,
] as const;
