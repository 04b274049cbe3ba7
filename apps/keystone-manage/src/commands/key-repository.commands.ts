import { setup, rotate, credentialSetup, credentialRotate, type RotationResult } from '@keystone-ts/plugin-token-fernet';
import type { ManageCommand } from '../command';
import { CredentialsNotOnPrimaryKey, assertAllCredentialsUsePrimary } from './credential-keys.check';

type Repo = { group: string; what: string };

const FERNET: Repo = { group: 'fernet_tokens', what: 'fernet' };
const RECEIPT: Repo = { group: 'fernet_receipts', what: 'receipt' };

const OWNER_FLAGS = { 'keystone-user': 'string', 'keystone-group': 'string' } as const;

function describe(r: RotationResult | null): string {
  return r ? JSON.stringify(r) : 'key repository already set up';
}

function setupCommand(name: string, repo: Repo): ManageCommand {
  return {
    name,
    help: `Set up a ${repo.what} key repository.`,
    flags: OWNER_FLAGS,
    async run({ runtime, flags, out }) {
      const dir = runtime.config.get<string>(repo.group, 'key_repository');
      const result = await setup(dir, {
        keystoneUser: flags['keystone-user'] as string | undefined,
        keystoneGroup: flags['keystone-group'] as string | undefined,
        maxActiveKeys: maxKeys(runtime.config, repo.group),
      });
      out(`${name}: ${dir}: ${describe(result)}`);
      return 0;
    },
  };
}

function rotateCommand(name: string, repo: Repo): ManageCommand {
  return {
    name,
    help: `Rotate the ${repo.what} keys.`,
    flags: OWNER_FLAGS,
    async run({ runtime, flags, out }) {
      const dir = runtime.config.get<string>(repo.group, 'key_repository');
      const result = await rotate(dir, maxKeys(runtime.config, repo.group), {
        keystoneUser: flags['keystone-user'] as string | undefined,
        keystoneGroup: flags['keystone-group'] as string | undefined,
      });
      out(`${name}: ${dir}: ${describe(result)}`);
      return 0;
    },
  };
}

function maxKeys(config: { has(g: string): boolean; registry: { get(g: string, n: string): unknown }; get<T>(g: string, n: string): T }, group: string): number {
  return config.registry.get(group, 'max_active_keys') ? config.get<number>(group, 'max_active_keys') : 3;
}

/** credential_setup: the same layout, with Keystone's fixed 3 keys for credentials. */
const credentialSetupCommand: ManageCommand = {
  name: 'credential_setup',
  help: 'Set up a credential key repository.',
  flags: OWNER_FLAGS,
  async run({ runtime, flags, out }) {
    const dir = runtime.config.get<string>('credential', 'key_repository');
    const result = await credentialSetup(dir, { keystoneUser: flags['keystone-user'] as string | undefined, keystoneGroup: flags['keystone-group'] as string | undefined });
    out(`credential_setup: ${dir}: ${describe(result)}`);
    return 0;
  },
};

/** credential_rotate: refused while a credential is still encrypted with a key other than the primary one. */
const credentialRotateCommand: ManageCommand = {
  name: 'credential_rotate',
  help: 'Rotate the credential keys (all credentials must use the primary key).',
  flags: OWNER_FLAGS,
  async run({ runtime, flags, out, err }) {
    const dir = runtime.config.get<string>('credential', 'key_repository');
    try {
      const result = await credentialRotate(dir, {
        keystoneUser: flags['keystone-user'] as string | undefined,
        keystoneGroup: flags['keystone-group'] as string | undefined,
        assertAllUsePrimary: (hash) => assertAllCredentialsUsePrimary(runtime, hash),
      });
      out(`credential_rotate: ${dir}: ${describe(result)}`);
      return 0;
    } catch (e) {
      if (!(e instanceof CredentialsNotOnPrimaryKey)) throw e;
      err(e.message);
      return 1;
    }
  },
};

export const keyRepositoryCommands: ManageCommand[] = [
  setupCommand('fernet_setup', FERNET),
  rotateCommand('fernet_rotate', FERNET),
  // token_* act on the repository of the configured token provider (fernet here).
  setupCommand('token_setup', FERNET),
  rotateCommand('token_rotate', FERNET),
  setupCommand('receipt_setup', RECEIPT),
  rotateCommand('receipt_rotate', RECEIPT),
  credentialSetupCommand,
  credentialRotateCommand,
];
