export * from './domain-config.module';
export * from './domain-config.manager';
export { DomainOptionCatalog } from './domain-option-catalog';
export { domainConfigOptions, domainConfigOptionGroups } from './domain-config.options';
