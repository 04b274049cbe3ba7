import type { RoleRef } from '@keystone-ts/core';
import type { TrustRecord } from '@keystone-ts/plugin-sdk';

/** Keystone's isotime(subsecond=True): microseconds and a Z. */
export function isoMicro(d: Date | null): string | null {
  return d ? d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z') : null;
}

export function renderRole(role: RoleRef, base: string): Record<string, unknown> {
  return { ...role, links: { self: `${base}/v3/roles/${role.id}` } };
}

/** A trust as Keystone shows it; listings leave the roles out. */
export function renderTrust(t: TrustRecord, base: string, roles?: RoleRef[]): Record<string, unknown> {
  const { roles: _ids, ...attrs } = t;
  const out: Record<string, unknown> = {
    ...attrs,
    expires_at: isoMicro(t.expires_at),
    deleted_at: isoMicro(t.deleted_at),
    links: { self: `${base}/v3/OS-TRUST/trusts/${t.id}` },
  };
  if (roles) {
    out.roles = roles.map((r) => renderRole(r, base));
    // Keystone builds this link without the OS-TRUST/trusts part; clients that follow it get what Keystone gives.
    out.roles_links = { self: `${base}/v3/${t.id}/roles`, next: null, previous: null };
  }
  return out;
}
