/**
 * Keystone's migration bookkeeping, as Keystone 22 (Zed) leaves it.
 *
 * Since Yoga, Keystone uses alembic with two branches: `expand` (additive
 * changes, run first during rolling upgrades) and `contract` (removals).
 * Both start from one squashed initial revision. A fresh `keystone-manage
 * db_sync` runs the initial revision and then both branch heads, leaving one
 * row per branch head in `alembic_version`. Before Yoga, sqlalchemy-migrate
 * kept versions in `migrate_version` (one row per repository); Keystone 22
 * converts such databases itself, so we only recognise them.
 */
import { table, varchar } from './schema-dsl';

/** The squashed initial revision; it belongs to neither branch. */
export const INITIAL_REVISION = '27e647c0fad4';
export const EXPAND_HEAD = '29e87d24a316';
export const CONTRACT_HEAD = 'e25ffa003242';

/** What a fully synced Keystone 22 database holds in alembic_version. */
export const KEYSTONE_22_HEADS: readonly string[] = [CONTRACT_HEAD, EXPAND_HEAD];

export type RevisionBranch = 'expand' | 'contract';

/**
 * Every alembic revision Keystone 22 ships, with the branch Keystone files it
 * under when it reports versions: anything not labelled `contract` counts as
 * `expand` (so a database at the initial revision reports that revision).
 */
export const KNOWN_REVISIONS: Readonly<Record<string, RevisionBranch>> = {
  [INITIAL_REVISION]: 'expand',
  [EXPAND_HEAD]: 'expand',
  [CONTRACT_HEAD]: 'contract',
};

/** The table alembic creates; its primary key name is alembic's, not PostgreSQL's default. */
export const alembicVersionTable = table('alembic_version', [varchar('version_num', 32, { primaryKey: true })], {
  primaryKeyName: 'alembic_version_pkc',
});

export const ALEMBIC_VERSION_TABLE = 'alembic_version';

/** sqlalchemy-migrate's version table (pre-Yoga Keystone), and the repository db_version reads. */
export const MIGRATE_VERSION_TABLE = 'migrate_version';
export const MIGRATE_EXPAND_REPOSITORY = 'keystone_expand';

/** The release name used in operator messages. */
export const KEYSTONE_RELEASE = 'Keystone 22 (Zed)';
