export * from './federation.module';
export * from './federation.manager';
export * from './federation.options';
export * from './mapping/mapping.schema';
export * from './mapping/rule-processor';
