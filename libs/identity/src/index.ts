export * from './identity.module';
export * from './identity.manager';
export { render as renderUser } from './http/users.controller';
export * from './security-compliance.options';
