import type { DomainConfigDict } from '@keystone-ts/core';
import { Forbidden, InternalError, NotFound, ValidationError, type DomainConfigOption } from '@keystone-ts/plugin-sdk';
import type { DomainOptionCatalog } from './domain-option-catalog';

/** Keystone's InvalidDomainConfig: a 403 whose message is always shown (it is built from the reason alone). */
export function invalidDomainConfig(reason: string): Forbidden {
  return new Forbidden(`Invalid domain specific configuration: ${reason}.`);
}

/** Keystone's DomainConfigNotFound. */
export function domainConfigNotFound(domainId: string, group?: string | null, option?: string | null): NotFound {
  const what = option ? `option ${option} in group ${group}` : group ? `group ${group}` : 'any options';
  return new NotFound(`Could not find ${what} in domain configuration for domain ${domainId}.`);
}

/** Python truthiness of a JSON value, which is what Keystone's `if not config` tests. */
function falsy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

function isDict(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keystone's `_assert_valid_group_and_option`. */
export function assertValidGroupAndOption(catalog: DomainOptionCatalog, group?: string | null, option?: string | null): void {
  if (!group && !option) return;
  if (!group) throw new InternalError();
  if (!catalog.isGroup(group)) throw invalidDomainConfig(`Group ${group} is not supported for domain specific configurations`);
  if (option && !catalog.isAllowed(group, option)) {
    throw invalidDomainConfig(`Option ${option} in group ${group} is not supported for domain specific configurations`);
  }
}

/**
 * Keystone's `_assert_valid_config`. A `config` that is a list or a scalar
 * makes Keystone fail with a 500 (it iterates it as a dict); that is a 400
 * here.
 */
export function assertValidConfig(catalog: DomainOptionCatalog, config: unknown): asserts config is DomainConfigDict {
  if (falsy(config)) throw invalidDomainConfig('No options specified');
  if (!isDict(config)) throw ValidationError.field('config', `${JSON.stringify(config)} is not of type 'object'`);
  for (const [group, options] of Object.entries(config)) {
    if (falsy(options) || !isDict(options)) {
      throw invalidDomainConfig(`The value of group ${group} specified in the config should be a dictionary of options`);
    }
    for (const option of Object.keys(options)) assertValidGroupAndOption(catalog, group, option);
  }
}

/**
 * Keystone's `_list_to_config`: `{group: {option: value}}`, or just
 * `{option: value}` when one option was asked for.
 */
export function listToConfig(options: readonly DomainConfigOption[], requested?: string | null): Record<string, unknown> {
  if (options.length === 0) return {};
  if (requested) {
    if (options.length > 1 || options[0].option !== requested) {
      throw new InternalError('An unexpected error occurred when retrieving domain configs');
    }
    return { [options[0].option]: options[0].value };
  }
  const config: DomainConfigDict = {};
  for (const o of options) (config[o.group] ??= {})[o.option] = o.value;
  return config;
}

/**
 * Keystone's checks of a partial update (`_assert_valid_update`, before the
 * existence check): updating a group or an option sends that, and only that.
 */
export function assertUpdateMatchesPath(config: DomainConfigDict, group?: string | null, option?: string | null): void {
  if (!group) return;
  const groups = Object.keys(config);
  if (groups.length !== 1 || (option && Object.keys(config[group] ?? {}).length !== 1)) {
    throw invalidDomainConfig(
      option
        ? `Trying to update option ${option} in group ${group}, so that, and only that, option must be specified  in the config`
        : `Trying to update group ${group}, so that, and only that, group must be specified in the config`,
    );
  }
  if (!(group in config)) {
    throw invalidDomainConfig(`request to update group ${group}, but config provided contains group ${groups[0]} instead`);
  }
  if (option && !(option in config[group])) {
    throw invalidDomainConfig(
      `Trying to update option ${option} in group ${group}, but config provided contains option ${Object.keys(config[group])[0]} instead`,
    );
  }
}
