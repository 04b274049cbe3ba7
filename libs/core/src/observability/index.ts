export * from './observability.options';
export * from './metrics';
export * from './metrics-listener';
export * from './request-observability';
export * from './health.checks';
