import { defineOptionGroup, opt, type OptionGroup } from '@keystone-ts/plugin-sdk';

/** `[federation]`, as Keystone 22 declares it. */
export const federationOptions = defineOptionGroup({
  name: 'federation',
  options: {
    driver: opt.str({ default: 'sql', help: 'Storage of identity providers, protocols, mappings and service providers (keystone.federation).' }),
    assertion_prefix: opt.str({ default: '', help: 'Prefix of the request environment variables that carry assertion attributes.' }),
    remote_id_attribute: opt.str({ default: null, help: 'Default attribute naming the identity provider of an assertion, for protocols without their own.' }),
    federated_domain_name: opt.str({ default: 'Federated', deprecatedForRemoval: true, help: 'Deprecated: domain name shown for ephemeral federated users.' }),
    trusted_dashboard: opt.multi({ default: [], help: 'Dashboards (URLs) trusted to receive single sign-on tokens; repeat the option for each.' }),
    sso_callback_template: opt.str({ default: '/etc/keystone/sso_callback_template.html', help: 'HTML page that posts a single sign-on token back to a trusted dashboard.' }),
    caching: opt.bool({ default: true, help: 'Cache federation reads (enabled service providers). No effect unless [cache] enabled.' }),
    cache_time: opt.int({ default: null, help: 'Seconds federation reads stay cached (default: [cache] expiration_time).' }),
    default_authorization_ttl: opt.int({ default: 0, help: 'Minutes group memberships from a mapping stay valid (0: only for the token).' }),
  },
});

/** `[saml]`: Keystone as a SAML identity provider. Only relay_state_prefix is read today (service provider default). */
export const samlOptions = defineOptionGroup({
  name: 'saml',
  options: {
    assertion_expiration_time: opt.int({ default: 3600, help: 'Seconds a generated SAML assertion is valid.' }),
    xmlsec1_binary: opt.str({ default: 'xmlsec1', help: 'The xmlsec1 binary used to sign assertions.' }),
    certfile: opt.str({ default: '/etc/keystone/ssl/certs/signing_cert.pem', help: 'Public certificate used to sign SAML.' }),
    keyfile: opt.str({ default: '/etc/keystone/ssl/private/signing_key.pem', help: 'Private key used to sign SAML.' }),
    idp_entity_id: opt.str({ default: null, help: 'Entity id of this identity provider (a URI).' }),
    idp_sso_endpoint: opt.str({ default: null, help: 'Single sign-on endpoint of this identity provider (a URI).' }),
    idp_lang: opt.str({ default: 'en', help: "Language of the identity provider's organization." }),
    idp_organization_name: opt.str({ default: 'SAML Identity Provider', help: "Name of the identity provider's organization." }),
    idp_organization_display_name: opt.str({ default: 'OpenStack SAML Identity Provider', help: "Display name of the identity provider's organization." }),
    idp_organization_url: opt.str({ default: 'https://example.com/', help: "URL of the identity provider's organization." }),
    idp_contact_company: opt.str({ default: 'Example, Inc.', help: "Company of the identity provider's contact." }),
    idp_contact_name: opt.str({ default: 'SAML Identity Provider Support', help: "Given name of the identity provider's contact." }),
    idp_contact_surname: opt.str({ default: 'Support', help: "Surname of the identity provider's contact." }),
    idp_contact_email: opt.str({ default: 'support@example.com', help: "Email of the identity provider's contact." }),
    idp_contact_telephone: opt.str({ default: '+1 800 555 0100', help: "Telephone of the identity provider's contact." }),
    idp_contact_type: opt.str({ default: 'other', choices: ['technical', 'support', 'administrative', 'billing', 'other'], help: "Type of the identity provider's contact." }),
    idp_metadata_path: opt.str({ default: '/etc/keystone/saml2_idp_metadata.xml', help: 'Identity provider metadata file (keystone-manage saml_idp_metadata).' }),
    relay_state_prefix: opt.str({ default: 'ss:mem:', help: 'RelayState prefix of ECP assertions; the default of new service providers.' }),
  },
});

export const federationOptionGroups: OptionGroup[] = [federationOptions, samlOptions];
