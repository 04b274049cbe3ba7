/**
 * The whole schema Keystone 22's `keystone-manage db_sync` creates: every
 * table in creation order (PostgreSQL needs referenced tables first), the
 * PL/pgSQL functions it leaves on PostgreSQL, and the rows it writes.
 */
import { SqlDialect, TableDef } from './schema-dsl';
import { KEYSTONE_22_HEADS, alembicVersionTable } from './keystone-revisions';
import { KEYSTONE_PG_FUNCTIONS, PgFunctionDef } from './postgresql-functions';
import { assignmentTables } from './tables/assignment.tables';
import { catalogTables } from './tables/catalog.tables';
import { credentialTables } from './tables/credential.tables';
import { federationTables } from './tables/federation.tables';
import { identityTables } from './tables/identity.tables';
import { limitTables } from './tables/limit.tables';
import { oauth1Tables } from './tables/oauth1.tables';
import { resourceTables } from './tables/resource.tables';
import { tokenTables } from './tables/token.tables';

export type SeedValue = string | number | boolean | null;

export interface SeedRow {
  readonly table: string;
  readonly values: Readonly<Record<string, SeedValue>>;
}

export interface DatabaseSchema {
  readonly tables: readonly TableDef[];
  readonly postgresFunctions: readonly PgFunctionDef[];
  readonly seedRows: readonly SeedRow[];
}

/**
 * Keystone's creation order. Any order with referenced tables first would do;
 * keeping Keystone's makes side-by-side dumps line up.
 */
const CREATION_ORDER = [
  'alembic_version',
  'application_credential',
  'assignment',
  'access_rule',
  'config_register',
  'consumer',
  'credential',
  'group',
  'id_mapping',
  'identity_provider',
  'idp_remote_ids',
  'mapping',
  'policy',
  'policy_association',
  'project',
  'project_endpoint',
  'project_option',
  'project_tag',
  'region',
  'registered_limit',
  'request_token',
  'revocation_event',
  'role',
  'role_option',
  'sensitive_config',
  'service',
  'service_provider',
  'system_assignment',
  'token',
  'trust',
  'trust_role',
  'user',
  'user_group_membership',
  'user_option',
  'whitelisted_config',
  'access_token',
  'application_credential_role',
  'application_credential_access_rule',
  'endpoint',
  'endpoint_group',
  'expiring_user_group_membership',
  'federation_protocol',
  'implied_role',
  'limit',
  'local_user',
  'nonlocal_user',
  'password',
  'project_endpoint_group',
  'federated_user',
] as const;

const ALL_TABLES: readonly TableDef[] = [
  alembicVersionTable,
  ...identityTables,
  ...federationTables,
  ...resourceTables,
  ...assignmentTables,
  ...catalogTables,
  ...credentialTables,
  ...tokenTables,
  ...oauth1Tables,
  ...limitTables,
];

function inCreationOrder(tables: readonly TableDef[]): TableDef[] {
  const byName = new Map(tables.map((t) => [t.name, t] as const));
  if (byName.size !== CREATION_ORDER.length || tables.length !== CREATION_ORDER.length) {
    throw new Error('keystone schema: the table list and the creation order disagree');
  }
  return CREATION_ORDER.map((name) => {
    const t = byName.get(name);
    if (!t) throw new Error(`keystone schema: no definition for table ${name}`);
    return t;
  });
}

/**
 * The hidden root every domain hangs from: Keystone's project.domain_id is a
 * foreign key to project.id, so domains (projects with is_domain) need a
 * parent row. Keystone filters it out of every API answer.
 */
export const ROOT_DOMAIN_ID = '<<keystone.domain.root>>';

const SEED_ROWS: readonly SeedRow[] = [
  {
    table: 'project',
    values: {
      id: ROOT_DOMAIN_ID,
      name: ROOT_DOMAIN_ID,
      extra: '{}',
      description: '',
      enabled: false,
      domain_id: ROOT_DOMAIN_ID,
      parent_id: null,
      is_domain: true,
    },
  },
  ...KEYSTONE_22_HEADS.map((rev) => ({ table: 'alembic_version', values: { version_num: rev } })),
];

export const KEYSTONE_SCHEMA: DatabaseSchema = {
  tables: inCreationOrder(ALL_TABLES),
  postgresFunctions: KEYSTONE_PG_FUNCTIONS,
  seedRows: SEED_ROWS,
};

/** Names of Keystone's own tables (alembic_version excluded). */
export const KEYSTONE_TABLE_NAMES: readonly string[] = CREATION_ORDER.filter((n) => n !== 'alembic_version');

/** The tables as created on one dialect (dialect-only constraints resolved). */
export function tablesFor(schema: DatabaseSchema, dialect: SqlDialect): TableDef[] {
  return schema.tables.map((t) => ({
    ...t,
    constraints: t.constraints.filter(
      (c) => c.kind !== 'foreignKey' || !c.dialects || c.dialects.includes(dialect),
    ),
  }));
}
