import { FernetKeyRepository, CREDENTIAL_MAX_ACTIVE_KEYS } from '@keystone-ts/plugin-token-fernet';
import { option, type Symptom } from './symptom';

const usesFernetTokens = (p: string | undefined) => (p ?? '').includes('fernet');

function repository(dir: string | undefined, maxActive: number): FernetKeyRepository | null {
  return dir ? new FernetKeyRepository(dir, maxActive) : null;
}

export const keySymptoms: Symptom[] = [
  {
    name: 'unique_key_repositories',
    title: 'Key repositories for encryption should be unique.',
    advice:
      'Credentials and Fernet tokens are encrypted the same way; sharing one repository exposes ciphertext of the credential keys as token ids and lets one rotation remove the other\'s keys. Point `[credential] key_repository` and `[fernet_tokens] key_repository` at different directories.',
    present: (c) => {
      const cred = option<string>(c, 'credential', 'key_repository');
      return cred !== undefined && cred === option<string>(c, 'fernet_tokens', 'key_repository');
    },
  },
  {
    name: 'usability_of_credential_fernet_key_repository',
    title: 'Credential key repository is not setup correctly.',
    advice: 'The credential key repository must be readable by the user running keystone-ts, and should not be world-readable.',
    present: (c) => usesFernetTokens(option<string>(c, 'credential', 'provider')) && !repository(option<string>(c, 'credential', 'key_repository'), CREDENTIAL_MAX_ACTIVE_KEYS)?.validate(),
  },
  {
    name: 'keys_in_credential_fernet_key_repository',
    title: 'Credential key repository is empty.',
    advice: 'Run `keystone-manage credential_setup` to populate it, and rotate with `keystone-manage credential_rotate`.',
    present: (c) =>
      usesFernetTokens(option<string>(c, 'credential', 'provider')) &&
      (repository(option<string>(c, 'credential', 'key_repository'), CREDENTIAL_MAX_ACTIVE_KEYS)?.loadKeyTexts().length ?? 0) === 0,
  },
  {
    name: 'usability_of_Fernet_key_repository',
    title: 'Fernet key repository is not setup correctly.',
    advice: 'The Fernet key repository must be readable by the user running keystone-ts, and should not be world-readable.',
    present: (c) =>
      usesFernetTokens(option<string>(c, 'token', 'provider')) &&
      !repository(option<string>(c, 'fernet_tokens', 'key_repository'), option<number>(c, 'fernet_tokens', 'max_active_keys') ?? 3)?.validate(),
  },
  {
    name: 'keys_in_Fernet_key_repository',
    title: 'Fernet key repository is empty.',
    advice: 'Run `keystone-manage fernet_setup` to populate it, and rotate with `keystone-manage fernet_rotate`.',
    present: (c) =>
      usesFernetTokens(option<string>(c, 'token', 'provider')) &&
      (repository(option<string>(c, 'fernet_tokens', 'key_repository'), option<number>(c, 'fernet_tokens', 'max_active_keys') ?? 3)?.loadKeyTexts().length ?? 0) === 0,
  },
  {
    name: 'unreasonable_max_token_size',
    title: '`keystone.conf [DEFAULT] max_token_size` should be adjusted.',
    advice: 'Fernet tokens stay under 255 bytes in most deployments; set `[DEFAULT] max_token_size = 255` (more only if LDAP ids make tokens longer).',
    present: (c) => usesFernetTokens(option<string>(c, 'token', 'provider')) && (option<number>(c, 'DEFAULT', 'max_token_size') ?? 0) > 255,
  },
];
