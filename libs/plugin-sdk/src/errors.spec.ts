import {
  AuthPluginError,
  ConfigurationError,
  Conflict,
  Forbidden,
  Gone,
  InternalError,
  isKeystoneError,
  KeystoneError,
  MethodNotAllowed,
  NotFound,
  NotImplemented,
  RequestTooLarge,
  Unauthorized,
  UnsupportedMediaType,
  ValidationError,
} from './errors';
import { DriverHints } from './hints';
import { defineOptionGroup, opt } from './options';
import { definePlugin, isKeystonePlugin, Namespaces } from './plugin';

describe('domain errors', () => {
  it.each([
    [ValidationError, 400, 'Bad Request'],
    [Unauthorized, 401, 'Unauthorized'],
    [AuthPluginError, 401, 'Unauthorized'],
    [Forbidden, 403, 'Forbidden'],
    [NotFound, 404, 'Not Found'],
    [MethodNotAllowed, 405, 'Method Not Allowed'],
    [Conflict, 409, 'Conflict'],
    [Gone, 410, 'Gone'],
    [RequestTooLarge, 413, 'Request Entity Too Large'],
    [UnsupportedMediaType, 415, 'Unsupported Media Type'],
    [InternalError, 500, 'Internal Server Error'],
    [NotImplemented, 501, 'Not Implemented'],
  ])('%p renders as %i %s with a default message and its own name', (Cls, code, title) => {
    const e = new Cls();
    expect([e.code, e.title]).toEqual([code, title]);
    expect(e.message.length).toBeGreaterThan(0);
    expect(e.name).toBe(Cls.name);
    expect(e).toBeInstanceOf(KeystoneError);
    expect(e).toBeInstanceOf(Error);
    expect(isKeystoneError(e)).toBe(true);
  });

  it("uses Keystone's wording for the common messages", () => {
    expect(NotFound.entity('project', 'p1').message).toBe('Could not find project: p1.');
    expect(Forbidden.action('identity:list_users').message).toBe(
      'You are not authorized to perform the requested action: identity:list_users.',
    );
    expect(ValidationError.field('name', "None is not of type 'string'").message).toBe(
      "Invalid input for field 'name': None is not of type 'string'",
    );
    expect(ValidationError.missing('password', 'user').message).toMatch(/^Expecting to find password in user\. The server/);
    expect(Conflict.duplicate('user', 'Duplicate entry').message).toBe(
      'Conflict occurred attempting to store user - Duplicate entry.',
    );
    expect(new Unauthorized().message).toBe('The request you have made requires authentication.');
  });

  it('keeps subclass relationships (AuthPluginError is an Unauthorized)', () => {
    expect(new AuthPluginError('bad otp')).toBeInstanceOf(Unauthorized);
    expect(new NotFound()).not.toBeInstanceOf(Unauthorized);
  });

  it('recognises an error from another copy of the SDK by its shared brand', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('keystone-ts.error')]: true, code: 404 });
    expect(isKeystoneError(foreign)).toBe(true);
    expect(isKeystoneError({})).toBe(false);
    expect(isKeystoneError(null)).toBe(false);
  });

  it('keeps ConfigurationError apart from HTTP errors', () => {
    const e = new ConfigurationError('[identity] driver: nope');
    expect(e.name).toBe('ConfigurationError');
    expect(isKeystoneError(e)).toBe(false);
  });
});

describe('DriverHints', () => {
  it('collects filters, finds exact ones, removes what a driver satisfied, and carries a limit', () => {
    const hints = new DriverHints().addFilter('name', 'bob').addFilter('name', 'b', 'startswith', false).setLimit(10);
    const exact = hints.getExactFilterByName('name')!;
    expect(exact).toEqual({ name: 'name', value: 'bob', comparator: 'equals', caseSensitive: true });
    hints.removeFilter(exact);
    expect(hints.filters).toEqual([{ name: 'name', value: 'b', comparator: 'startswith', caseSensitive: false }]);
    expect(hints.getExactFilterByName('name')).toBeUndefined();
    expect(hints.limit).toEqual({ limit: 10, truncated: false });
  });
});

describe('option helpers', () => {
  it('tag each declaration with its type and keep the rest', () => {
    const g = defineOptionGroup({
      name: 'yubikey',
      options: {
        url: opt.str({ default: null, secret: true, deprecatedNames: ['DEFAULT.yubikey_url'], help: 'u' }),
        retries: opt.int({ default: 3, min: 0, help: 'r' }),
        ratio: opt.float({ default: 0.5, help: 'f' }),
        enabled: opt.bool({ default: true, help: 'b' }),
        servers: opt.list({ default: [], help: 'l' }),
        extra: opt.multi({ default: [], help: 'm' }),
        map: opt.dict({ default: {}, help: 'd' }),
      },
    });
    expect(Object.fromEntries(Object.entries(g.options).map(([k, v]) => [k, v.type]))).toEqual({
      url: 'string', retries: 'integer', ratio: 'float', enabled: 'boolean', servers: 'list', extra: 'multi', map: 'dict',
    });
    expect(g.options.url).toMatchObject({ secret: true, deprecatedNames: ['DEFAULT.yubikey_url'] });
  });
});

describe('definePlugin', () => {
  it('freezes the plugin so it cannot change after registration', () => {
    const p = definePlugin({ id: 'auth-yubikey', compatibility: '^1.0.0' });
    expect(Object.isFrozen(p)).toBe(true);
    expect(isKeystonePlugin(p)).toBe(true);
  });

  it.each(['a', 'auth-yubikey', 'token-jws2'])('accepts the kebab-case id %s', (id) => {
    expect(() => definePlugin({ id, compatibility: '^1.0.0' })).not.toThrow();
  });

  it.each(['', 'Auth', 'auth_yubikey', '-auth', 'auth-', 'auth--x', '1auth'])('refuses the id %j', (id) => {
    expect(() => definePlugin({ id, compatibility: '^1.0.0' })).toThrow(/kebab-case/);
  });

  it("names namespaces after Keystone's entry points", () => {
    expect(Namespaces.identity).toBe('keystone.identity');
    expect(Namespaces.tokenProvider).toBe('keystone.token.provider');
    expect(Namespaces.auth('totp')).toBe('keystone.auth.totp');
  });
});
