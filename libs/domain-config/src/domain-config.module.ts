import { Global, Module } from '@nestjs/common';
import { DOMAIN_CONFIG_API } from '@keystone-ts/core';
import { DomainConfigManager } from './domain-config.manager';
import { DomainConfigController } from './http/domain-config.controller';
import { DomainConfigDefaultsController } from './http/domain-config-defaults.controller';
import { DomainConfigJsonHome } from './http/domain-config-json-home';

/**
 * Domain-specific configuration (domain_config_api). DOMAIN_CONFIG_API lets
 * keystone-manage and other modules use the manager without importing this
 * package.
 */
@Global()
@Module({
  providers: [DomainConfigManager, DomainConfigJsonHome, { provide: DOMAIN_CONFIG_API, useExisting: DomainConfigManager }],
  controllers: [DomainConfigDefaultsController, DomainConfigController],
  exports: [DomainConfigManager, DOMAIN_CONFIG_API],
})
export class DomainConfigModule {}
