import { sqlPlugin } from './plugin';

export default sqlPlugin;
export { sqlPlugin, sqlConnection } from './plugin';
export * from './schema';
export { PasswordHasher } from './password';
