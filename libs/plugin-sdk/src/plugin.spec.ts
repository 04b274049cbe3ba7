import { definePlugin, isKeystonePlugin, PLUGIN_BRAND } from './plugin';
import { NotFound, isKeystoneError, Conflict } from './errors';

describe('definePlugin', () => {
  it('brands the plugin with a symbol shared across SDK copies', () => {
    const p = definePlugin({ id: 'auth-yubikey', compatibility: '^1.0.0' });
    expect(isKeystonePlugin(p)).toBe(true);
    expect(p[PLUGIN_BRAND]).toBe(true);
    expect(isKeystonePlugin({ id: 'x', compatibility: '^1.0.0' })).toBe(false);
  });

  it('refuses an id that is not kebab-case', () => {
    expect(() => definePlugin({ id: 'Auth_Yubikey', compatibility: '^1.0.0' })).toThrow(/kebab-case/);
  });
});

describe('domain errors', () => {
  it('carry Keystone status, title and message', () => {
    const e = NotFound.entity('user', 'abc');
    expect([e.code, e.title, e.message]).toEqual([404, 'Not Found', 'Could not find user: abc.']);
    expect(isKeystoneError(e)).toBe(true);
    expect(isKeystoneError(new Error('x'))).toBe(false);
    expect(new Conflict().code).toBe(409);
  });
});
