export * from './policy.module';
export * from './policy.manager';
export * from './policy.options';
