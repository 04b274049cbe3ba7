import { setup, rotate, type RotationResult } from '@keystone-ts/plugin-token-fernet';
import type { ManageCommand } from '../command';

type Repo = { group: string; what: string };

const FERNET: Repo = { group: 'fernet_tokens', what: 'fernet' };
const RECEIPT: Repo = { group: 'fernet_receipts', what: 'receipt' };
const CREDENTIAL: Repo = { group: 'credential', what: 'credential' };

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

export const keyRepositoryCommands: ManageCommand[] = [
  setupCommand('fernet_setup', FERNET),
  rotateCommand('fernet_rotate', FERNET),
  // token_* act on the repository of the configured token provider (fernet here).
  setupCommand('token_setup', FERNET),
  rotateCommand('token_rotate', FERNET),
  setupCommand('receipt_setup', RECEIPT),
  rotateCommand('receipt_rotate', RECEIPT),
  setupCommand('credential_setup', CREDENTIAL),
  rotateCommand('credential_rotate', CREDENTIAL),
];
