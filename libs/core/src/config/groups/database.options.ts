import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

export const databaseOptions = defineOptionGroup({
  name: 'database',
  options: {
    connection: opt.str({
      default: null,
      secret: true,
      deprecatedNames: ['DEFAULT.sql_connection', 'sql.connection'],
      help: 'SQLAlchemy-style URL: sqlite:////var/lib/keystone/keystone.db or postgresql://user:pass@host/db. Unset: embedded SQLite at $state_path/keystone.db.',
    }),
    slave_connection: opt.str({ default: null, secret: true, help: 'Read-only replica URL (accepted; reads use the primary for now).' }),
    backend: opt.str({ default: 'sqlalchemy', help: 'Accepted for compatibility.' }),
    sqlite_synchronous: opt.bool({ default: true, help: 'Use synchronous mode for SQLite.' }),
    connection_recycle_time: opt.int({ default: 3600, help: 'Seconds after which a pooled connection is replaced.' }),
    max_pool_size: opt.int({ default: 5, min: 1, help: 'Connections per process in the pool.' }),
    max_retries: opt.int({ default: 10, min: -1, help: 'Attempts to connect at start (-1: forever).' }),
    retry_interval: opt.int({ default: 10, min: 0, help: 'Seconds between connection attempts.' }),
    max_overflow: opt.int({ default: 50, help: 'Accepted for compatibility.' }),
    connection_debug: opt.int({ default: 0, min: 0, max: 100, help: 'Log SQL at 100.' }),
    mysql_sql_mode: opt.str({ default: 'TRADITIONAL', help: 'Accepted for compatibility; MySQL is not supported.' }),
    db_max_retries: opt.int({ default: 20, help: 'Accepted for compatibility.' }),
  },
});
