export * from './trust.module';
export * from './trust.manager';
export * from './trust.options';
