import { ValidationError, type FormattedUrl, type Logger } from '@keystone-ts/plugin-sdk';
import { percentFormat, type PyScalar } from './python-percent';

/** The only keys an endpoint URL may name (Keystone's `WHITELISTED_PROPERTIES`). */
export const URL_KEYS = ['tenant_id', 'project_id', 'user_id', 'public_bind_host', 'admin_bind_host', 'compute_host', 'admin_port', 'public_port', 'public_endpoint'] as const;

const PROJECT_KEYS = ['tenant_id', 'project_id'];

/** The subset of the configuration Keystone offers URLs: `[DEFAULT]` plus `[eventlet_server]`. */
export interface UrlConfig {
  get<T>(group: string, name: string): T;
  registry: { get(group: string, name: string): unknown };
}

/**
 * The configuration half of Keystone's substitutions. `compute_host` is
 * whitelisted but no longer an option, so a URL naming it is malformed.
 */
export function configSubstitutions(config: UrlConfig): Map<string, PyScalar> {
  const out = new Map<string, PyScalar>();
  const take = (group: string, name: string) => {
    if (config.registry.get(group, name)) out.set(name, config.get<PyScalar>(group, name));
  };
  take('DEFAULT', 'public_endpoint');
  for (const name of ['public_bind_host', 'public_port', 'admin_bind_host', 'admin_port']) take('eventlet_server', name);
  return out;
}

/**
 * Keystone's `format_url`: `$(key)s` templates against the whitelisted
 * substitutions. A project key without a project (domain or system token)
 * omits the endpoint silently; any other failure is logged and the endpoint
 * left out, never an error for the caller.
 */
export function formatEndpointUrl(template: string, values: ReadonlyMap<string, PyScalar>, projectScoped: boolean, log: Logger): FormattedUrl {
  const whitelist: readonly string[] = URL_KEYS;
  const result = percentFormat(template.replaceAll('$(', '%('), {
    lookup: (key) => {
      if (!whitelist.includes(key)) return { missing: null };
      return values.has(key) ? { value: values.get(key)! } : { missing: key };
    },
    // Python prints the filter object's repr here (with a memory address): useless as a URL.
    keylessText: null,
  });
  if (result.ok) return { kind: 'ok', url: result.text };
  if (result.error === 'KeyError') {
    if (!projectScoped && result.key !== null && PROJECT_KEYS.includes(result.key)) return { kind: 'omitted' };
    log.error(`Malformed endpoint ${template} - unknown key ${result.key === null ? '' : `'${result.key}'`}`);
  } else if (result.error === 'TypeError') {
    log.error(`Malformed endpoint '${template}'. A type error occurred during string substitution.`);
  } else {
    log.error(`Malformed endpoint ${template} - incomplete format (are you missing a type notifier ?)`);
  }
  return { kind: 'malformed' };
}

/** Keystone's `check_endpoint_url`: every key whitelisted and every conversion valid for a string. @throws ValidationError */
export function checkEndpointUrl(url: string): void {
  const empty = new Map<string, PyScalar>(URL_KEYS.map((k) => [k, '']));
  const result = percentFormat(url.replaceAll('$(', '%('), {
    lookup: (key) => (empty.has(key) ? { value: '' } : { missing: key }),
    keylessText: `{${URL_KEYS.map((k) => `'${k}': ''`).join(', ')}}`,
  });
  if (!result.ok) throw new ValidationError(`Cannot create an endpoint with an invalid URL: ${url}.`);
}
