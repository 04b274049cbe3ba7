import { SQL_DRIVER_REGISTRATION, type DomainConfigDriver, type Logger } from '@keystone-ts/plugin-sdk';
import { configOrigin } from './database-domain-config.source';

/** Keystone's REGISTRATION_ATTEMPTS. */
const ATTEMPTS = 10;

export class MultipleSqlDriversError extends Error {
  constructor(source: string) {
    super(`The Keystone domain-specific configuration has specified more than one SQL driver (only one is permitted): ${source}.`);
    this.name = 'MultipleSqlDriversError';
  }
}

/**
 * Keystone's `_assert_no_more_than_one_sql_driver` for configurations from
 * the database: the one SQL identity driver a domain may have is claimed in
 * `config_register`, so workers (and Keystone processes sharing the
 * database) agree on who holds it. A domain whose driver is not SQL gives
 * its claim up; a claim held by a domain that no longer exists is healed.
 *
 * @throws MultipleSqlDriversError when another live domain holds the claim
 */
export async function claimSqlDriver(
  store: DomainConfigDriver,
  domainId: string,
  isSql: boolean,
  domainExists: (domainId: string) => Promise<boolean>,
  logger: Logger,
): Promise<void> {
  if (!isSql) {
    await store.releaseRegistration(domainId);
    return;
  }
  let holder: string | null = 'Unknown';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    if (await store.obtainRegistration(domainId, SQL_DRIVER_REGISTRATION)) {
      logger.debug(`Domain ${domainId} successfully registered to use the SQL driver.`);
      return;
    }
    holder = await store.readRegistration(SQL_DRIVER_REGISTRATION);
    // Released by another process between our two reads: try again.
    if (holder === null) continue;
    // Another worker registered this same domain: normal with several workers.
    if (holder === domainId) return;
    if (!(await domainExists(holder))) {
      logger.debug(`SQL driver registration held by deleted domain ${holder}; removing it (attempt ${attempt}).`);
      await store.releaseRegistration(holder, SQL_DRIVER_REGISTRATION);
      continue;
    }
    throw new MultipleSqlDriversError(configOrigin(domainId));
  }
  throw new Error(
    `Exceeded attempts to register domain ${domainId} to use the SQL driver, the last domain that appears to have had it is ${holder}, giving up`,
  );
}
