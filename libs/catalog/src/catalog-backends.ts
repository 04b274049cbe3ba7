import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { KEYSTONE_RUNTIME, type KeystoneRuntime } from '@keystone-ts/core';
import { Namespaces, NotImplemented, type CatalogDriver, type EndpointFilterDriver, type EndpointPolicyDriver } from '@keystone-ts/plugin-sdk';

/**
 * The three drivers of the catalog subsystem, built once from `[catalog]`,
 * `[endpoint_filter]` and `[endpoint_policy] driver`, shared by the
 * managers (which would otherwise need each other at construction).
 */
@Injectable()
export class CatalogBackends implements OnModuleInit {
  private catalogDriver?: CatalogDriver;
  private filterDriver?: EndpointFilterDriver;
  private policyDriver?: EndpointPolicyDriver;

  constructor(@Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime) {}

  async onModuleInit(): Promise<void> {
    const cfg = this.runtime.config;
    const make = <T>(namespace: string, group: string) => this.runtime.drivers.createDriver<T>(namespace, cfg.get<string>(group, 'driver'), cfg);
    [this.catalogDriver, this.filterDriver, this.policyDriver] = await Promise.all([
      make<CatalogDriver>(Namespaces.catalog, 'catalog'),
      make<EndpointFilterDriver>(Namespaces.endpointFilter, 'endpoint_filter'),
      make<EndpointPolicyDriver>(Namespaces.endpointPolicy, 'endpoint_policy'),
    ]);
  }

  get catalog(): CatalogDriver {
    return this.ready(this.catalogDriver);
  }

  /**
   * The endpoint-filter driver, refused with 501 when the catalog backend
   * cannot be filtered: Keystone's templated backend answers the whole
   * OS-EP-FILTER API that way.
   */
  get filter(): EndpointFilterDriver {
    if (!this.catalog.supportsEndpointFilter) throw new NotImplemented();
    return this.ready(this.filterDriver);
  }

  get policy(): EndpointPolicyDriver {
    return this.ready(this.policyDriver);
  }

  private ready<T>(driver: T | undefined): T {
    if (!driver) throw new Error('The catalog drivers are used before the catalog module was initialised');
    return driver;
  }
}
