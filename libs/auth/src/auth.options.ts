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
  },
});

export const authOptionGroups = [authOptions];
