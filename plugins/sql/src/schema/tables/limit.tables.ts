/**
 * Unified limits: registered (default) limits per service/region/resource and
 * project- or domain-level overrides.
 */
import { integer, table, text, unique, varchar } from '../schema-dsl';

export const registeredLimitTable = table(
  'registered_limit',
  [
    varchar('id', 64, { notNull: true }),
    varchar('service_id', 255),
    varchar('region_id', 64),
    varchar('resource_name', 255),
    integer('default_limit', { notNull: true }),
    text('description'),
    integer('internal_id', { primaryKey: true, autoIncrement: true }),
  ],
  // The public id is only unique; the name keeps what an older primary key had.
  { constraints: [unique('registered_limit_id_key', ['id'])] },
);

export const limitTable = table(
  'limit',
  [
    varchar('id', 64, { notNull: true }),
    varchar('project_id', 64),
    integer('resource_limit', { notNull: true }),
    text('description'),
    integer('internal_id', { primaryKey: true, autoIncrement: true }),
    // No foreign key to registered_limit in Keystone's schema (lost long ago).
    varchar('registered_limit_id', 64),
    varchar('domain_id', 64),
  ],
  { constraints: [unique('limit_id_key', ['id'])] },
);

export const limitTables = [registeredLimitTable, limitTable] as const;
