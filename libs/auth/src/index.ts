export * from './auth.module';
export * from './auth.manager';
export * from './auth.options';
export * from './remote-identity';
