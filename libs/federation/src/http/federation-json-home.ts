import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JsonHomeRegistry, type JsonHomeResource } from '@keystone-ts/core';

const EXT = 'ext/OS-FEDERATION/1.0';
const param = (name: string) => `https://docs.openstack.org/api/openstack-identity/3/${EXT}/param/${name}`;
const template = (href: string, ...names: string[]): JsonHomeResource => ({
  'href-template': href,
  'href-vars': Object.fromEntries(names.map((n) => [n, param(n)])),
});
const PROTOCOLS = '/OS-FEDERATION/identity_providers/{idp_id}/protocols';

/** The OS-FEDERATION relations Keystone 22 publishes for what this module (and /v3/auth) serves. */
export const FEDERATION_JSON_HOME: readonly [string, JsonHomeResource][] = [
  [`${EXT}/rel/identity_providers`, { href: '/OS-FEDERATION/identity_providers' }],
  [`${EXT}/rel/identity_provider`, template('/OS-FEDERATION/identity_providers/{idp_id}', 'idp_id')],
  [`${EXT}/rel/identity_provider_protocols`, template(PROTOCOLS, 'idp_id')],
  [`${EXT}/rel/identity_provider_protocol`, template(`${PROTOCOLS}/{protocol_id}`, 'idp_id', 'protocol_id')],
  [`${EXT}/rel/mappings`, { href: '/OS-FEDERATION/mappings' }],
  [`${EXT}/rel/mapping`, template('/OS-FEDERATION/mappings/{mapping_id}', 'mapping_id')],
  [`${EXT}/rel/service_providers`, { href: '/OS-FEDERATION/service_providers' }],
  [`${EXT}/rel/service_provider`, template('/OS-FEDERATION/service_providers/{sp_id}', 'sp_id')],
  // Keystone's document points these at /auth/*, which answer the same lists.
  [`${EXT}/rel/projects`, { href: '/auth/projects' }],
  [`${EXT}/rel/domains`, { href: '/auth/domains' }],
];

@Injectable()
export class FederationJsonHome implements OnModuleInit {
  constructor(private readonly registry: JsonHomeRegistry) {}

  onModuleInit(): void {
    for (const [rel, resource] of FEDERATION_JSON_HOME) this.registry.add(rel, resource);
  }
}
