import { ConfigurationError } from '@keystone-ts/plugin-sdk';
import { bindForNewToken, checkBindConfiguration, enforceTokenBind, type RequestIdentity } from './token-bind';

const kerberosAlice: RequestIdentity = { remoteUser: 'alice', authType: 'Negotiate' };
const x509 = { subject: 'CN=alice,O=Example', issuer: 'CN=Example CA' };
const certAlice: RequestIdentity = { remoteUser: 'alice', authType: 'x509', bind: { x509 } };
const ok = (mode: string, bind: Record<string, unknown> | null, req: RequestIdentity) => () => enforceTokenBind(mode, bind, req);

describe('enforceTokenBind', () => {
  it('disabled: never checks', () => {
    expect(ok('disabled', { kerberos: 'alice' }, {})).not.toThrow();
    expect(ok('disabled', { foo: 1 }, {})).not.toThrow();
  });

  it('permissive: unbound passes, known types verify, unknown types are ignored', () => {
    expect(ok('permissive', null, {})).not.toThrow();
    expect(ok('permissive', {}, {})).not.toThrow();
    expect(ok('permissive', { kerberos: 'alice' }, kerberosAlice)).not.toThrow();
    expect(ok('permissive', { kerberos: 'alice' }, {})).toThrow('The request you have made requires authentication.');
    expect(ok('permissive', { kerberos: 'alice' }, { remoteUser: 'bob', authType: 'Negotiate' })).toThrow();
    expect(ok('permissive', { kerberos: 'alice' }, { remoteUser: 'alice', authType: 'Basic' })).toThrow();
    expect(ok('permissive', { foo: 'bar' }, {})).not.toThrow();
  });

  it('AUTH_TYPE negotiate is compared case-insensitively, as Keystone did', () => {
    expect(ok('permissive', { kerberos: 'alice' }, { remoteUser: 'alice', authType: 'negotiate' })).not.toThrow();
  });

  it('strict: as permissive, but an unknown type rejects', () => {
    expect(ok('strict', null, {})).not.toThrow();
    expect(ok('strict', { kerberos: 'alice' }, kerberosAlice)).not.toThrow();
    expect(ok('strict', { kerberos: 'alice' }, {})).toThrow();
    expect(ok('strict', { foo: 'bar' }, kerberosAlice)).toThrow();
  });

  it('required: some bind must be there and verify', () => {
    expect(ok('required', null, kerberosAlice)).toThrow();
    expect(ok('required', { kerberos: 'alice' }, kerberosAlice)).not.toThrow();
    expect(ok('required', { x509 }, certAlice)).not.toThrow();
    expect(ok('required', { foo: 'bar' }, kerberosAlice)).toThrow();
  });

  it('<type>: that type must be there, and everything must verify', () => {
    expect(ok('kerberos', { kerberos: 'alice' }, kerberosAlice)).not.toThrow();
    expect(ok('kerberos', { x509 }, certAlice)).toThrow();
    expect(ok('kerberos', null, kerberosAlice)).toThrow();
    expect(ok('x509', { x509 }, certAlice)).not.toThrow();
    expect(ok('x509', { x509, kerberos: 'alice' }, certAlice)).toThrow();
    expect(ok('x509', { x509, kerberos: 'alice' }, { ...kerberosAlice, bind: { x509 } })).not.toThrow();
  });

  it('x509: the request must present the same verified certificate', () => {
    expect(ok('permissive', { x509 }, certAlice)).not.toThrow();
    expect(ok('permissive', { x509 }, {})).toThrow();
    expect(ok('permissive', { x509 }, { bind: { x509: { ...x509, subject: 'CN=mallory' } } })).toThrow();
    expect(ok('permissive', { x509 }, { bind: { x509: { ...x509, issuer: 'CN=Other CA' } } })).toThrow();
  });
});

describe('bindForNewToken', () => {
  it('keeps only the configured types that were established', () => {
    expect(bindForNewToken(['kerberos'], { kerberos: 'alice', x509 })).toEqual({ kerberos: 'alice' });
    expect(bindForNewToken(['kerberos', 'x509'], { x509 })).toEqual({ x509 });
    expect(bindForNewToken([], { kerberos: 'alice' })).toBeNull();
    expect(bindForNewToken(['kerberos'], undefined)).toBeNull();
  });
});

describe('checkBindConfiguration', () => {
  it('accepts anything with a provider that stores bind', () => {
    expect(() => checkBindConfiguration(['kerberos'], 'required', 'uuid', true)).not.toThrow();
  });

  it('refuses what Fernet cannot honour, and accepts what it can', () => {
    expect(() => checkBindConfiguration(['kerberos'], 'permissive', 'fernet', false)).toThrow(ConfigurationError);
    expect(() => checkBindConfiguration([], 'required', 'fernet', false)).toThrow(ConfigurationError);
    expect(() => checkBindConfiguration([], 'kerberos', 'fernet', false)).toThrow(ConfigurationError);
    for (const mode of ['disabled', 'permissive', 'strict']) expect(() => checkBindConfiguration([], mode, 'fernet', false)).not.toThrow();
  });
});
