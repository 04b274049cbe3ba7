/**
 * The `[jwt_tokens]` key repositories: `private.pem` in the private one signs,
 * every file of the public one may verify. Files are read on each use, as
 * Keystone does, so keys dropped into place take effect without a restart;
 * parsed keys are cached by their text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { ConfigurationError } from '@keystone-ts/plugin-sdk';
import type { Logger } from '@keystone-ts/plugin-sdk';

export const PRIVATE_KEY_FILE = 'private.pem';

export class JwsKeyRepositories {
  private readonly parsed = new Map<string, KeyObject | null>();

  constructor(
    readonly privateRepository: string,
    readonly publicRepository: string,
    private readonly logger?: Logger,
  ) {}

  /** Keystone exits at start, with these messages, rather than 500 on every request. @throws ConfigurationError */
  checkAtStart(): void {
    const privateKey = join(this.privateRepository, PRIVATE_KEY_FILE);
    if (!existsSync(privateKey)) {
      throw new ConfigurationError(`${privateKey} does not exist. You can generate a key pair using \`keystone-manage create_jws_keypair\`.`);
    }
    if (!existsSync(this.publicRepository)) {
      throw new ConfigurationError(
        `${this.publicRepository} does not exist. Please make sure the directory exists and is readable by the process running keystone.`,
      );
    }
    if (readdirSync(this.publicRepository).length === 0) {
      throw new ConfigurationError(
        `${this.publicRepository} must contain at least one public key but it is empty. You can generate a key pair using \`keystone-manage create_jws_keypair\`.`,
      );
    }
  }

  signingKey(): KeyObject {
    const pem = readFileSync(join(this.privateRepository, PRIVATE_KEY_FILE), 'utf8');
    const key = this.parse(pem, () => createPrivateKey(pem));
    if (!key) throw new Error(`${join(this.privateRepository, PRIVATE_KEY_FILE)} is not a PEM private key`);
    return key;
  }

  /** Every usable public key of the repository, in directory order. */
  verificationKeys(): KeyObject[] {
    const keys: KeyObject[] = [];
    for (const name of readdirSync(this.publicRepository).sort()) {
      let pem: string;
      try {
        pem = readFileSync(join(this.publicRepository, name), 'utf8');
      } catch {
        continue; // a subdirectory or an unreadable file is no key
      }
      const key = this.parse(pem, () => createPublicKey(pem));
      if (key) keys.push(key);
      else this.logger?.warn(`Ignoring ${join(this.publicRepository, name)}: not a PEM public key`);
    }
    return keys;
  }

  private parse(pem: string, create: () => KeyObject): KeyObject | null {
    if (!this.parsed.has(pem)) {
      let key: KeyObject | null;
      try {
        key = create();
      } catch {
        key = null;
      }
      this.parsed.set(pem, key);
    }
    return this.parsed.get(pem) ?? null;
  }
}
