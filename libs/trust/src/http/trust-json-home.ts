import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JsonHomeRegistry, PARAM } from '@keystone-ts/core';

const REL = (name: string) => `ext/OS-TRUST/1.0/rel/${name}`;
const TRUST_ID = 'https://docs.openstack.org/api/openstack-identity/3/ext/OS-TRUST/1.0/param/trust_id';

/** JSON-Home relations of /v3/OS-TRUST, as Keystone names them (extension relations). */
@Injectable()
export class TrustJsonHome implements OnModuleInit {
  constructor(private readonly registry: JsonHomeRegistry) {}

  onModuleInit(): void {
    const r = this.registry;
    r.add(REL('trusts'), { href: '/OS-TRUST/trusts' });
    r.add(REL('trust'), { 'href-template': '/OS-TRUST/trusts/{trust_id}', 'href-vars': { trust_id: TRUST_ID } });
    r.add(REL('trust_roles'), { 'href-template': '/OS-TRUST/trusts/{trust_id}/roles', 'href-vars': { trust_id: TRUST_ID } });
    r.add(REL('trust_role'), {
      'href-template': '/OS-TRUST/trusts/{trust_id}/roles/{role_id}',
      'href-vars': { trust_id: TRUST_ID, role_id: PARAM('role_id') },
    });
  }
}
