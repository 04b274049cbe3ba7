import type { ConfigView } from './options';
import type { CoreServices } from './contracts/services';

export interface Logger {
  debug(msg: string, ...args: unknown[]): void;
  info(msg: string, ...args: unknown[]): void;
  warn(msg: string, ...args: unknown[]): void;
  error(msg: string, ...args: unknown[]): void;
}

/**
 * What a driver or auth method is handed when it is built. Nothing global: a
 * plugin reaches configuration and core services only through this.
 */
export interface DriverContext<O = Record<string, unknown>> {
  /** The validated values of the driver's own option group (domain overlay applied). */
  options: O;
  /** The whole configuration, read-only (the domain overlay applied for a domain driver). */
  config: ConfigView;
  /** The domain this instance serves, or null for the default driver. */
  domainId: string | null;
  logger: Logger;
  services: CoreServices;
}
