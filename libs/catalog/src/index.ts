export * from './catalog.module';
export * from './catalog.manager';
export * from './catalog.options';
export { CatalogBackends } from './catalog-backends';
export { EndpointFilterManager } from './endpoint-filter.manager';
export { EndpointPolicyManager } from './endpoint-policy.manager';
export { checkEndpointUrl, formatEndpointUrl, configSubstitutions } from './url/endpoint-url';
