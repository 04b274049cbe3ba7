import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { NotFound, Namespaces, defineDriver, definePlugin, type TokenPayload, type TokenProvider } from '@keystone-ts/plugin-sdk';

/**
 * A token provider that stores payloads (as uuid tokens do) and so can carry
 * `bind`, which Fernet cannot. Keystone-ts ships no such provider yet; the
 * token-bind tests install this one as a third-party package would be,
 * through `[plugins] packages` and `[token] provider`.
 */
export const memoryTokens = new Map<string, TokenPayload>();

class MemoryTokenProvider implements TokenProvider {
  readonly needsPersistence = true;
  readonly supportsBind = true;

  issue(payload: TokenPayload): string {
    const id = randomUUID().replace(/-/g, '');
    memoryTokens.set(id, { ...structuredClone(payload), issuedAt: Math.floor(Date.now() / 1000) });
    return id;
  }

  validate(token: string): TokenPayload {
    const payload = memoryTokens.get(token);
    if (!payload) throw new NotFound(`Could not find token: ${token}.`);
    return structuredClone(payload);
  }
}

const plugin = definePlugin({
  id: 'memory-tokens',
  compatibility: '^1.0.0',
  drivers: [defineDriver({ namespace: Namespaces.tokenProvider, name: 'memory', create: () => new MemoryTokenProvider() })],
});

const PACKAGE = 'keystone-ts-memory-tokens';
const GLOBAL = '__keystoneTsMemoryTokensPlugin';

/** Installs the plugin as a package in the server's directory; add `[plugins] packages = ${PACKAGE}`. */
export function installMemoryTokens(dir: string): string {
  (globalThis as Record<string, unknown>)[GLOBAL] = plugin;
  const pkg = join(dir, 'node_modules', PACKAGE);
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: PACKAGE, version: '1.0.0', main: 'index.js', keystone: { plugin: true } }));
  writeFileSync(join(pkg, 'index.js'), `module.exports = globalThis.${GLOBAL};\n`);
  return PACKAGE;
}
