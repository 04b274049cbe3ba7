import { identityLdapPlugin } from './plugin';

export default identityLdapPlugin;
export { identityLdapPlugin, createLdapIdentityDriver } from './plugin';
export { LdapIdentityDriver, READ_ONLY_MESSAGE } from './ldap-identity.driver';
export { ldapOptions, type LdapOptionValues } from './ldap.options';
export { escapeFilterValue } from './ldap-filter';
