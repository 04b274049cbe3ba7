import { sqlPlugin } from './plugin';

export default sqlPlugin;
export { sqlPlugin } from './plugin';
export { sqlConnection } from './common/sql-connection';
export * from './schema';
export { PasswordHasher } from './password';
