/**
 * The `uuid` token provider: random uuid4 hex ids that mean nothing by
 * themselves; core stores the facts (`keystone.token.persistence`) and hands
 * them back on validation. Being stored, they can carry `[token] bind`.
 */
import { randomUUID } from 'node:crypto';
import { NotFound } from '@keystone-ts/plugin-sdk';
import type { TokenPayload, TokenProvider } from '@keystone-ts/plugin-sdk';

const UUID_HEX = /^[0-9a-f]{32}$/;

export class UuidTokenProvider implements TokenProvider {
  readonly needsPersistence = true;
  readonly supportsBind = true;

  issue(_payload: TokenPayload): string {
    return randomUUID().replace(/-/g, '');
  }

  /** @throws NotFound ("Could not find token: <id>.") when nothing was stored under the id */
  validate(token: string, stored?: TokenPayload): TokenPayload {
    if (!stored || !UUID_HEX.test(token)) throw NotFound.entity('token', token);
    return stored;
  }
}
