import { Forbidden, ValidationError, type ProjectRecord } from '@keystone-ts/plugin-sdk';
import type { DomainRef } from '@keystone-ts/core';

/** Keystone's `utils.URL_RESERVED_CHARS`. */
const URL_RESERVED = ":/?#[]@!$&'()*+,;=";

export type UrlSafeMode = 'off' | 'new' | 'strict';

/** Raises Keystone's message when `mode` forbids reserved characters and `name` has some. */
export function assertUrlSafe(mode: UrlSafeMode, entity: 'Project' | 'Domain', name: string): void {
  if (mode === 'off') return;
  const chars = [...name].filter((c) => URL_RESERVED.includes(c)).join('');
  if (chars) throw new ValidationError(`${entity} name cannot contain the following reserved characters: ${chars}`);
}

/**
 * The reserved federated domain may be neither named nor identified. Keystone
 * raises a bare AssertionError here (a 500); a client's input never yields a
 * 500 here, so the same message comes back as a 400.
 */
export function assertNotFederated(reserved: string, domainId: string, name: unknown): void {
  const r = reserved.toLowerCase();
  if (typeof name === 'string' && name.toLowerCase() === r) throw new ValidationError(`Domain cannot be named ${name}`);
  if (domainId.toLowerCase() === r) throw new ValidationError(`Domain cannot have ID ${domainId}`);
}

export function isImmutable(ref: { options?: Record<string, unknown> }): boolean {
  return ref.options?.immutable === true;
}

/**
 * Keystone's check_immutable_update: an immutable resource accepts only an
 * update that sets nothing but `options.immutable` to false or null.
 */
export function checkImmutableUpdate(original: ProjectRecord, patch: Record<string, unknown>, type: 'project' | 'domain', id: string): void {
  if (!isImmutable(original)) return;
  const options = patch.options as Record<string, unknown> | undefined;
  const unsetting = Object.keys(patch).length === 1 && options !== undefined && 'immutable' in options && (options.immutable === false || options.immutable === null);
  if (!unsetting) {
    throw new Forbidden(`Unable to update immutable ${type} resource: \`${id}. Set resource option "immutable" to false first.`);
  }
}

export function checkImmutableDelete(ref: ProjectRecord, type: 'project' | 'domain'): void {
  if (isImmutable(ref)) {
    throw new Forbidden(`Unable to delete immutable ${type} resource: \`${ref.id}. Set resource option "immutable" to false first.`);
  }
}

/** The tag operations refuse an immutable project with their own wording. */
export function checkTagsMutable(ref: ProjectRecord, verb: 'create' | 'update' | 'delete'): void {
  if (isImmutable(ref)) {
    throw new Forbidden(
      `Cannot ${verb} project tags for ${ref.id}, project is immutable. Set "immutable" option to false before creating project tags.`,
    );
  }
}

/**
 * Keystone validates option values when it maps them to rows (a TypeError,
 * rendered as a 400 with Python's wording); only `immutable` is registered.
 */
export function validateOptions(options: unknown): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw ValidationError.field('options', `${pyType(options)} is not of type 'object'`);
  }
  const v = (options as Record<string, unknown>).immutable;
  if (v !== undefined && v !== null && typeof v !== 'boolean') {
    throw new ValidationError(`Expected boolean value, got <class '${pyType(v)}'>`);
  }
}

function pyType(v: unknown): string {
  if (v === null) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  return 'dict';
}

/** Keystone's `_generate_project_name_conflict_msg`. */
export function conflictDetail(p: { name?: unknown; id: string; is_domain?: unknown }): string {
  return p.is_domain
    ? `it is not permitted to have two projects acting as domains with the same name: ${String(p.name)}`
    : `it is not permitted to have two projects with either the same name or same id in the same domain: name is ${String(p.name)}, project id ${p.id}`;
}

/** A domain as the API shows it: the project minus its project-only attributes (and `extra`). */
export function domainFromProject(p: ProjectRecord): DomainRef {
  const { parent_id: _p, domain_id: _d, is_domain: _i, extra: _e, ...domain } = p;
  return domain as DomainRef;
}

/** Keystone's `get_project_from_domain`: a domain body becomes a root project acting as a domain. */
export function projectFromDomain(domain: Record<string, unknown>): Record<string, unknown> {
  return { ...domain, is_domain: true, domain_id: null, parent_id: null };
}

/** Keystone's whole-subtree check: true when nothing below is enabled. */
export function wholeSubtreeDisabled(subtree: readonly ProjectRecord[]): boolean {
  return !subtree.some((p) => p.enabled !== false && p.enabled !== null);
}
