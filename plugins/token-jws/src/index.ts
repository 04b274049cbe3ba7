import { tokenJwsPlugin } from './plugin';

export { tokenJwsPlugin };
export default tokenJwsPlugin;

export { JwsTokenProvider } from './jws-token.provider';
export type { JwsTokenProviderOptions } from './jws-token.provider';
export { jwtTokensOptions } from './jwt-tokens.options';
export { createJwsKeypair, KeyFileExists } from './keypair';
export type { KeypairPaths } from './keypair';
export { PRIVATE_KEY_FILE } from './jws/key-repositories';
