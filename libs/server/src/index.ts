export * from './keystone.module';
export * from './builtin-plugins';
export * from './option-groups';
export * from './boot';
export * from './bootstrap/bootstrap';
