import {
  KEYSTONE_SCHEMA,
  generateDdl,
  generateScript,
  generateSeed,
  postgresColumnType,
  quoteIdent,
  renderCreateTable,
  sqliteColumnType,
  sqliteSpelling,
  postgresSpelling,
  DatabaseSchema,
} from './index';
import { boolean, foreignKey, index, integer, table, types, unique, varchar } from './schema-dsl';

const tiny: DatabaseSchema = {
  tables: [
    table('role', [varchar('id', 64, { primaryKey: true })]),
    table(
      'group',
      [
        integer('id', { primaryKey: true, autoIncrement: true }),
        varchar('role_id', 64, { notNull: true, references: { table: 'role', column: 'id', onDelete: 'CASCADE' } }),
        boolean('enabled', { notNull: true, default: '1' }),
        varchar('kind', 8, { unique: true }),
      ],
      {
        constraints: [
          unique('ixu_group_role', ['role_id', 'enabled']),
          foreignKey('fk_only_sqlite', ['role_id'], 'role', ['id'], { dialects: ['sqlite'] }),
        ],
        indexes: [index('ix_group_kind', ['kind'])],
      },
    ),
  ],
  postgresFunctions: [],
  seedRows: [{ table: 'group', values: { id: 1, role_id: "it's", enabled: true, kind: null } }],
};

describe('type spellings', () => {
  it.each([
    [types.varchar(64), 'VARCHAR(64)', 'VARCHAR(64)'],
    [types.text(), 'TEXT', 'TEXT'],
    [types.integer(), 'INTEGER', 'INTEGER'],
    [types.bigint(), 'BIGINT', 'BIGINT'],
    [types.boolean(), 'BOOLEAN', 'BOOLEAN'],
    [types.datetime(), 'DATETIME', 'TIMESTAMP WITHOUT TIME ZONE'],
    [types.date(), 'DATE', 'DATE'],
    [types.enumOf('type', ['UserProject', 'GroupDomain']), 'VARCHAR(11)', 'type'],
  ])('%j', (type, sqlite, pg) => {
    expect(sqliteColumnType(type)).toBe(sqlite);
    expect(postgresColumnType(type)).toBe(pg);
  });

  it('uses SERIAL for auto-increment keys on PostgreSQL only', () => {
    const [, group] = tiny.tables;
    const id = group!.columns[0]!;
    expect(postgresSpelling.columnType(id)).toBe('SERIAL');
    expect(sqliteSpelling.columnType(id)).toBe('INTEGER');
  });
});

describe('quoting', () => {
  it('quotes only what each dialect reserves', () => {
    expect(quoteIdent('group', 'sqlite')).toBe('"group"');
    expect(quoteIdent('limit', 'sqlite')).toBe('"limit"');
    expect(quoteIdent('user', 'sqlite')).toBe('user');
    expect(quoteIdent('user', 'postgresql')).toBe('"user"');
    for (const word of ['type', 'option', 'system', 'blob', 'method', 'path', 'value', 'name']) {
      expect(quoteIdent(word, 'sqlite')).toBe(word);
      expect(quoteIdent(word, 'postgresql')).toBe(word);
    }
    expect(quoteIdent('Mixed', 'postgresql')).toBe('"Mixed"');
  });
});

describe('CREATE TABLE layout', () => {
  it('puts columns, primary key, table-level then column-level constraints, in that order', () => {
    const ddl = generateDdl('sqlite', tiny);
    expect(ddl[1]).toBe(
      'CREATE TABLE "group" (\n\tid INTEGER NOT NULL, \n\trole_id VARCHAR(64) NOT NULL, \n' +
        "\tenabled BOOLEAN DEFAULT '1' NOT NULL, \n\tkind VARCHAR(8), \n\tPRIMARY KEY (id), \n" +
        '\tCONSTRAINT ixu_group_role UNIQUE (role_id, enabled), \n' +
        '\tCONSTRAINT fk_only_sqlite FOREIGN KEY(role_id) REFERENCES role (id), \n' +
        '\tFOREIGN KEY(role_id) REFERENCES role (id) ON DELETE CASCADE, \n\tUNIQUE (kind)\n)',
    );
    expect(ddl[2]).toBe('CREATE INDEX ix_group_kind ON "group" (kind)');
  });

  it('drops constraints meant for another dialect', () => {
    const ddl = generateDdl('postgresql', tiny);
    expect(ddl[1]).toContain('id SERIAL NOT NULL');
    expect(ddl[1]).not.toContain('fk_only_sqlite');
  });

  it('renders a named primary key and a rebuilt table name', () => {
    const t = table('alembic_version', [varchar('version_num', 32, { primaryKey: true })], {
      primaryKeyName: 'alembic_version_pkc',
      sqliteRebuilt: true,
    });
    expect(renderCreateTable(t, sqliteSpelling)).toBe(
      'CREATE TABLE "alembic_version" (\n\tversion_num VARCHAR(32) NOT NULL, \n' +
        '\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)',
    );
  });

  it('renders seed rows with dialect booleans and escaped strings', () => {
    expect(generateSeed('sqlite', tiny)).toEqual([
      `INSERT INTO "group" (id, role_id, enabled, kind) VALUES (1, 'it''s', 1, NULL)`,
    ]);
    expect(generateSeed('postgresql', tiny)[0]).toContain(`(1, 'it''s', true, NULL)`);
  });

  it('rejects unknown dialects', () => {
    expect(() => generateDdl('mysql' as never)).toThrow(/unsupported SQL dialect 'mysql'/);
  });
});

describe("Keystone's schema", () => {
  it("matches Keystone's stored SQLite DDL for a table with every kind of constraint", () => {
    const project = generateDdl('sqlite').find((s) => s.startsWith('CREATE TABLE project ('));
    expect(project).toBe(
      'CREATE TABLE project (\n\tid VARCHAR(64) NOT NULL, \n\tname VARCHAR(64) NOT NULL, \n\textra TEXT, \n' +
        '\tdescription TEXT, \n\tenabled BOOLEAN, \n\tdomain_id VARCHAR(64) NOT NULL, \n\tparent_id VARCHAR(64), \n' +
        "\tis_domain BOOLEAN DEFAULT '0' NOT NULL, \n\tPRIMARY KEY (id), \n" +
        '\tCONSTRAINT ixu_project_name_domain_id UNIQUE (domain_id, name), \n' +
        '\tCONSTRAINT project_domain_id_fkey FOREIGN KEY(domain_id) REFERENCES project (id), \n' +
        '\tCONSTRAINT project_parent_id_fkey FOREIGN KEY(parent_id) REFERENCES project (id)\n)',
    );
  });

  it('creates enum types before their tables and functions last on PostgreSQL', () => {
    const ddl = generateDdl('postgresql');
    const typeAt = ddl.indexOf("CREATE TYPE type AS ENUM ('UserProject', 'GroupProject', 'UserDomain', 'GroupDomain')");
    const tableAt = ddl.findIndex((s) => s.startsWith('CREATE TABLE assignment ('));
    expect(typeAt).toBeGreaterThanOrEqual(0);
    expect(typeAt).toBe(tableAt - 1);
    expect(ddl).toContain("CREATE TYPE entity_type AS ENUM ('user', 'group')");
    expect(ddl.slice(-4).every((s) => s.startsWith('CREATE OR REPLACE FUNCTION'))).toBe(true);
    expect(ddl.find((s) => s.startsWith('CREATE TABLE assignment'))).not.toContain('fk_assignment_role_id');
    expect(ddl.find((s) => s.startsWith('CREATE TABLE "user" ('))).toContain('created_at TIMESTAMP WITHOUT TIME ZONE');
  });

  it('keeps the SQLite-only foreign key and the quoted rebuilt name on SQLite', () => {
    const a = generateDdl('sqlite').find((s) => s.startsWith('CREATE TABLE "assignment"'));
    expect(a).toContain('CONSTRAINT fk_assignment_role_id FOREIGN KEY(role_id) REFERENCES role (id)');
    expect(a).toContain('type VARCHAR(12) NOT NULL');
  });

  it('writes the root domain and both alembic heads', () => {
    const seed = generateSeed('postgresql');
    expect(seed).toContain("INSERT INTO alembic_version (version_num) VALUES ('e25ffa003242')");
    expect(seed).toContain("INSERT INTO alembic_version (version_num) VALUES ('29e87d24a316')");
    expect(seed[0]).toMatch(/^INSERT INTO project .*'<<keystone\.domain\.root>>'.*false.*true\)$/);
  });

  it('produces one script per dialect', () => {
    for (const d of ['sqlite', 'postgresql'] as const) {
      const script = generateScript(d);
      expect(script.match(/^CREATE TABLE /gm)).toHaveLength(KEYSTONE_SCHEMA.tables.length);
    }
  });
});
