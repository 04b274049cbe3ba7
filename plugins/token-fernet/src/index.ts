import { tokenFernetPlugin } from './plugin';

export { tokenFernetPlugin };
export default tokenFernetPlugin;

export { FernetTokenProvider } from './fernet-token.provider';
export type { FernetTokenProviderOptions } from './fernet-token.provider';
export { InvalidFernetToken, UnknownFernetPayloadVersion, FernetKeysNotFound, isInvalidTokenError, UNRECOGNIZED_TOKEN } from './fernet-token.errors';
export { fernetTokensOptions } from './fernet-tokens.options';
export { FernetKeyRepository, setup, rotate } from './key-repository';
export type { RepositoryOptions, RotationResult } from './key-repository';
export {
  credentialSetup,
  credentialRotate,
  loadCredentialKeyTexts,
  primaryKeyHash,
  CredentialCipher,
  CREDENTIAL_MAX_ACTIVE_KEYS,
  NULL_KEY,
} from './credential-key-repository';
export { FernetCredentialProvider } from './credential-provider';
export { TokenFormatter } from './token-formatter';
export type { DecodedFernetToken } from './token-formatter';
export { AuthMethodMap, DEFAULT_AUTH_METHODS } from './payloads/auth-methods';
export { isoToEpochSeconds, isoFromSeconds } from './payloads/expiry-time';
