import { dirname, join, resolve } from 'node:path';
import { createJwsKeypair, KeyFileExists } from '@keystone-ts/plugin-token-jws';
import type { ManageCommand } from '../command';

/**
 * `create_jws_keypair [--force]`: as Keystone, writes private.pem and
 * public.pem into the current directory. Our additions: `--keyfile PATH` puts
 * the private key elsewhere (the public key then defaults to public.pem beside
 * it) and `--public-keyfile PATH` chooses the public key's path, so the pair
 * can go straight into `[jwt_tokens]` repositories.
 */
export const createJwsKeypairCommand: ManageCommand = {
  name: 'create_jws_keypair',
  help: 'Create an ECDSA P-256 key pair that signs and validates JWS tokens.',
  flags: { force: 'boolean', keyfile: 'string', 'public-keyfile': 'string', 'keystone-user': 'string', 'keystone-group': 'string' },
  async run({ flags, out, err }) {
    const privateKeyPath = resolve((flags.keyfile as string | undefined) ?? 'private.pem');
    const publicKeyPath = resolve((flags['public-keyfile'] as string | undefined) ?? join(dirname(privateKeyPath), 'public.pem'));
    try {
      createJwsKeypair({ privateKeyPath, publicKeyPath }, flags.force === true);
    } catch (e) {
      // Keystone exits with the message (SystemExit) when a key exists.
      if (e instanceof KeyFileExists) {
        err(e.message);
        return 1;
      }
      throw e;
    }
    out(`create_jws_keypair: wrote ${privateKeyPath} and ${publicKeyPath}`);
    return 0;
  },
};
