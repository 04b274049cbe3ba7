/**
 * Resource: projects (domains are projects with is_domain = true, all rooted
 * at a hidden `<<keystone.domain.root>>` project), project options and tags,
 * and the domain-specific configuration stored in the database.
 */
import { boolean, table, text, unique, varchar } from '../schema-dsl';

export const projectTable = table(
  'project',
  [
    varchar('id', 64, { primaryKey: true }),
    varchar('name', 64, { notNull: true }),
    text('extra'),
    text('description'),
    boolean('enabled'),
    varchar('domain_id', 64, {
      notNull: true,
      references: { table: 'project', column: 'id', name: 'project_domain_id_fkey' },
    }),
    varchar('parent_id', 64, { references: { table: 'project', column: 'id', name: 'project_parent_id_fkey' } }),
    boolean('is_domain', { notNull: true, default: '0' }),
  ],
  { constraints: [unique('ixu_project_name_domain_id', ['domain_id', 'name'])] },
);

export const projectOptionTable = table('project_option', [
  varchar('project_id', 64, {
    primaryKey: true,
    references: { table: 'project', column: 'id', onDelete: 'CASCADE' },
  }),
  varchar('option_id', 4, { primaryKey: true }),
  text('option_value'),
]);

export const projectTagTable = table(
  'project_tag',
  [
    varchar('project_id', 64, {
      primaryKey: true,
      references: { table: 'project', column: 'id', onDelete: 'CASCADE' },
    }),
    varchar('name', 255, { primaryKey: true }),
  ],
  // Redundant with the primary key; both SQLite and PostgreSQL fold it into
  // the key's index, but Keystone declares it, so the DDL text carries it.
  { constraints: [unique(null, ['project_id', 'name'])] },
);

/** Which domain owns a given singleton config (e.g. the one SQL identity backend). */
export const configRegisterTable = table('config_register', [
  varchar('type', 64, { primaryKey: true }),
  varchar('domain_id', 64, { notNull: true }),
]);

/** Domain-specific [identity]/[ldap] options that may be shown back to the API. */
export const whitelistedConfigTable = table('whitelisted_config', [
  varchar('domain_id', 64, { primaryKey: true }),
  varchar('group', 255, { primaryKey: true }),
  varchar('option', 255, { primaryKey: true }),
  text('value', { notNull: true }),
]);

/** Domain-specific options never echoed by the API (passwords and the like). */
export const sensitiveConfigTable = table('sensitive_config', [
  varchar('domain_id', 64, { primaryKey: true }),
  varchar('group', 255, { primaryKey: true }),
  varchar('option', 255, { primaryKey: true }),
  text('value', { notNull: true }),
]);

export const resourceTables = [
  projectTable,
  projectOptionTable,
  projectTagTable,
  configRegisterTable,
  whitelistedConfigTable,
  sensitiveConfigTable,
] as const;
