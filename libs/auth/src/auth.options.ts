import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

export const DEFAULT_AUTH_METHODS = ['external', 'password', 'token', 'oauth1', 'mapped', 'application_credential'];

export const authOptions = defineOptionGroup({
  name: 'auth',
  options: {
    methods: opt.list({ default: DEFAULT_AUTH_METHODS, help: 'Authentication methods accepted, in order (keystone.auth.<method>).' }),
    password: opt.str({ default: null, help: "Implementation of the 'password' method (default: 'default')." }),
    token: opt.str({ default: null, help: "Implementation of the 'token' method." }),
    external: opt.str({ default: null, help: "Implementation of the 'external' method: DefaultDomain, Domain or KerberosDomain." }),
    oauth1: opt.str({ default: null, help: "Implementation of the 'oauth1' method." }),
    mapped: opt.str({ default: null, help: "Implementation of the 'mapped' method." }),
    application_credential: opt.str({ default: null, help: "Implementation of the 'application_credential' method." }),
    kerberos: opt.str({ default: null, help: "Implementation of the 'kerberos' method." }),
    totp: opt.str({ default: null, help: "Implementation of the 'totp' method." }),
    x509: opt.str({ default: null, help: "Implementation of the 'x509' method." }),
    // Not in Keystone (there, the WSGI container sets REMOTE_USER). keystone-ts serves HTTP
    // itself, so a front proxy that authenticated the user passes it in headers, and only
    // peers listed here are believed.
    trusted_proxies: opt.list({
      default: [],
      help: 'IP addresses or CIDR ranges (e.g. 127.0.0.1, 10.0.0.0/8, ::1) of front proxies whose remote_*_header headers set REMOTE_USER, REMOTE_DOMAIN and AUTH_TYPE. Matched against the TCP peer address only (never X-Forwarded-For). Empty: such headers are ignored.',
    }),
    remote_user_header: opt.str({ default: 'X-Remote-User', help: 'Header a trusted proxy puts REMOTE_USER in.' }),
    remote_domain_header: opt.str({ default: 'X-Remote-Domain', help: 'Header a trusted proxy puts REMOTE_DOMAIN in.' }),
    remote_auth_type_header: opt.str({ default: 'X-Remote-Auth-Type', help: 'Header a trusted proxy puts AUTH_TYPE in (e.g. Negotiate after Kerberos).' }),
  },
});

/** Native SPNEGO (`Authorization: Negotiate`), what mod_auth_gssapi does in front of Keystone. */
export const kerberosOptions = defineOptionGroup({
  name: 'kerberos',
  options: {
    keytab: opt.str({
      default: null,
      help: 'Keytab holding the HTTP service key. When set, requests carrying "Authorization: Negotiate" are verified with it and become REMOTE_USER/AUTH_TYPE=Negotiate (needs the npm package `kerberos`). Sets KRB5_KTNAME for the whole process.',
    }),
    service_principal: opt.str({
      default: null,
      help: 'Acceptor name, as HTTP@host or HTTP/host[@REALM]. Unset: any key in the keytab may accept (GSS_C_NO_CREDENTIAL).',
    }),
    strip_realm: opt.bool({ default: true, help: 'REMOTE_USER is the principal without "@REALM" (mod_auth_gssapi GssapiLocalName), so it names a keystone user.' }),
    allowed_realms: opt.list({ default: [], help: 'Realms whose principals are accepted. Empty: any realm the keytab can verify (mind cross-realm trusts with strip_realm).' }),
    remote_domain: opt.str({ default: null, help: 'REMOTE_DOMAIN for users authenticated this way (the Domain and KerberosDomain methods look them up there); unset: the default domain.' }),
  },
});

export const authOptionGroups = [authOptions, kerberosOptions];
