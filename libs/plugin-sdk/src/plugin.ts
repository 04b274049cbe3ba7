import type { OptionGroup } from './options';
import type { DriverContext } from './context';
import type { DatabaseFacade } from './contracts/services';

/** Brand of a plugin object, shared across copies of the SDK (hence Symbol.for). */
export const PLUGIN_BRAND = Symbol.for('keystone-ts.plugin');

/** The SDK version plugins declare compatibility against. */
export const SDK_VERSION = '1.0.0';

export interface DriverDefinition<T = unknown> {
  /** Keystone entry-point namespace, e.g. `keystone.identity`. */
  namespace: string;
  /** Short name used in keystone.conf, e.g. `sql`. */
  name: string;
  /** Other names that select this driver, e.g. Python class paths of Keystone releases. */
  aliases?: readonly string[];
  /**
   * The option group this driver reads (`ctx.options`). Validated when the
   * driver is selected, before the server listens.
   */
  optionGroup?: string;
  create(ctx: DriverContext): T | Promise<T>;
}

export interface AuthMethodDefinition<T = unknown> {
  /** The method name clients send in `identity.methods`, e.g. `password`. */
  method: string;
  /** Implementation name chosen by `[auth] <method> = <name>`; `default` when omitted there. */
  name: string;
  aliases?: readonly string[];
  create(ctx: DriverContext): T | Promise<T>;
}

export interface PluginDefinition {
  /** kebab-case, unique among loaded plugins. */
  id: string;
  /** semver range of the plugin SDK this plugin was built for. */
  compatibility: string;
  optionGroups?: readonly OptionGroup[];
  drivers?: readonly DriverDefinition[];
  authMethods?: readonly AuthMethodDefinition[];
  /** What the plugin persists: MikroORM entities, and the schema `keystone-manage db_sync` applies. */
  persistence?: {
    entities?: readonly unknown[];
    schema?: PluginSchema;
  };
  /** An optional Nest module class adding routes. */
  nestModule?: unknown;
}

/** A plugin's database schema, applied by `keystone-manage db_sync`. */
export interface PluginSchema {
  /** Creates or checks the plugin's tables; returns a line for the operator. */
  sync(db: DatabaseFacade, progress: (msg: string) => void): Promise<string>;
  /** What `db_version` prints for this plugin's schema. */
  version(db: DatabaseFacade): Promise<string>;
}

export type KeystonePlugin = Readonly<PluginDefinition> & { readonly [PLUGIN_BRAND]: true };

const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function definePlugin(def: PluginDefinition): KeystonePlugin {
  if (!ID_PATTERN.test(def.id)) {
    throw new Error(`Plugin id '${def.id}' must be kebab-case`);
  }
  return Object.freeze({ ...def, [PLUGIN_BRAND]: true as const });
}

export function defineDriver<T>(def: DriverDefinition<T>): DriverDefinition<T> {
  return def;
}

export function defineAuthMethod<T>(def: AuthMethodDefinition<T>): AuthMethodDefinition<T> {
  return def;
}

export function isKeystonePlugin(value: unknown): value is KeystonePlugin {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PLUGIN_BRAND] === true;
}

/** Entry-point namespaces mirroring Keystone's setup.cfg. */
export const Namespaces = {
  identity: 'keystone.identity',
  idGenerator: 'keystone.identity.id_generator',
  idMapping: 'keystone.identity.id_mapping',
  resource: 'keystone.resource',
  resourceDomainConfig: 'keystone.resource.domain_config',
  assignment: 'keystone.assignment',
  role: 'keystone.role',
  catalog: 'keystone.catalog',
  credential: 'keystone.credential',
  credentialProvider: 'keystone.credential.provider',
  tokenProvider: 'keystone.token.provider',
  tokenPersistence: 'keystone.token.persistence',
  trust: 'keystone.trust',
  federation: 'keystone.federation',
  oauth1: 'keystone.oauth1',
  revoke: 'keystone.revoke',
  policy: 'keystone.policy',
  endpointFilter: 'keystone.endpoint_filter',
  endpointPolicy: 'keystone.endpoint_policy',
  unifiedLimit: 'keystone.unified_limit',
  applicationCredential: 'keystone.application_credential',
  receiptProvider: 'keystone.receipt.provider',
  cacheBackend: 'keystone.cache.backend',
  notifier: 'keystone.notifier',
  notificationDriver: 'keystone.notification.driver',
  auth: (method: string) => `keystone.auth.${method}`,
} as const;
