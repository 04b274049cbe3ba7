import { KEYSTONE_SCHEMA, KEYSTONE_TABLE_NAMES, TableDef, validateSchema, DatabaseSchema } from './index';
import { foreignKey, index, table, varchar } from './schema-dsl';

const byName = (name: string): TableDef => {
  const t = KEYSTONE_SCHEMA.tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
};

describe('KEYSTONE_SCHEMA', () => {
  it('has the 49 tables Keystone 22 db_sync creates (48 + alembic_version)', () => {
    expect(KEYSTONE_SCHEMA.tables).toHaveLength(49);
    expect(KEYSTONE_TABLE_NAMES).toHaveLength(48);
    expect(new Set(KEYSTONE_SCHEMA.tables.map((t) => t.name)).size).toBe(49);
  });

  it('is internally consistent', () => {
    expect(validateSchema(KEYSTONE_SCHEMA)).toEqual([]);
  });

  it('has single-column integer keys as the only auto-increment columns', () => {
    const auto = KEYSTONE_SCHEMA.tables.flatMap((t) =>
      t.columns.filter((c) => c.autoIncrement).map((c) => `${t.name}.${c.name}`),
    );
    expect(auto.sort()).toEqual([
      'access_rule.id',
      'application_credential.internal_id',
      'federated_user.id',
      'limit.internal_id',
      'local_user.id',
      'password.id',
      'registered_limit.internal_id',
      'revocation_event.id',
    ]);
  });

  it('keeps server defaults as Keystone declares them', () => {
    const defaults = KEYSTONE_SCHEMA.tables.flatMap((t) =>
      t.columns.filter((c) => c.serverDefault !== undefined).map((c) => `${t.name}.${c.name}=${c.serverDefault}`),
    );
    expect(defaults.sort()).toEqual([
      'endpoint.enabled=1',
      'password.created_at_int=0',
      'password.self_service=0',
      'project.is_domain=0',
      'role.domain_id=<<null>>',
      'service.enabled=1',
      'service_provider.relay_state_prefix=ss:mem:',
    ]);
  });

  it('makes primary-key columns NOT NULL and leaves undeclared ones nullable', () => {
    const user = byName('user');
    expect(user.columns.find((c) => c.name === 'id')?.nullable).toBe(false);
    expect(user.columns.find((c) => c.name === 'enabled')?.nullable).toBe(true);
    expect(byName('idp_remote_ids').columns.find((c) => c.name === 'idp_id')?.nullable).toBe(true);
  });
});

describe('validateSchema', () => {
  const schema = (tables: TableDef[]): DatabaseSchema => ({ tables, postgresFunctions: [], seedRows: [] });

  it('reports unknown columns, forward references and name clashes', () => {
    const a = table('a', [varchar('id', 64, { primaryKey: true }), varchar('b_id', 64)], {
      constraints: [foreignKey(null, ['b_id'], 'b', ['id']), foreignKey(null, ['nope'], 'a', ['id'])],
      indexes: [index('b', ['b_id'])],
    });
    const b = table('b', [varchar('id', 64, { primaryKey: true }), varchar('x', 8)], {
      constraints: [foreignKey(null, ['x'], 'a', ['b_id'])],
    });
    const problems = validateSchema(schema([a, b]));
    expect(problems).toEqual(
      expect.arrayContaining([
        'a: foreign key to b, which is not created before it',
        'a: foreignKey (unnamed) names unknown column nope',
        'b: foreign key to a(b_id) which is not a key',
        'name b used by index b on a and by table b',
      ]),
    );
  });
});
