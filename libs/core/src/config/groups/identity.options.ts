import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

export const identityOptions = defineOptionGroup({
  name: 'identity',
  options: {
    default_domain_id: opt.str({ default: 'default', help: 'ID of the default domain (users and projects created without one land there).' }),
    domain_specific_drivers_enabled: opt.bool({ default: false, help: 'Let a domain use its own identity driver, configured in domain_config_dir or the database.' }),
    domain_configurations_from_database: opt.bool({ default: false, help: 'Read domain-specific configuration from the database (the domain config API) instead of files.' }),
    domain_config_dir: opt.str({ default: '/etc/keystone/domains', help: 'Directory of keystone.<domain name>.conf files.' }),
    driver: opt.str({ default: 'sql', help: 'Identity driver of the default domain (keystone.identity namespace).' }),
    caching: opt.bool({ default: true, help: 'Cache identity reads (needs [cache] enabled).' }),
    cache_time: opt.int({ default: 600, help: 'Seconds identity reads stay cached.' }),
    max_password_length: opt.int({ default: 4096, max: 4096, help: 'Longest password accepted, in bytes.' }),
    list_limit: opt.int({ default: null, help: 'Maximum entities an identity listing returns.' }),
    password_hash_algorithm: opt.str({ default: 'bcrypt', choices: ['bcrypt', 'scrypt', 'pbkdf2_sha512'], help: 'Hash of stored passwords.' }),
    password_hash_rounds: opt.int({ default: null, help: 'Work factor of the hash; the algorithm default when unset.' }),
    salt_bytesize: opt.int({ default: null, min: 0, max: 96, help: 'Salt length for scrypt and pbkdf2_sha512.' }),
    scrypt_block_size: opt.int({ default: null, help: 'scrypt block size (r).' }),
    scrypt_parallelism: opt.int({ default: null, help: 'scrypt parallelism (p).' }),
  },
});

export const identityMappingOptions = defineOptionGroup({
  name: 'identity_mapping',
  options: {
    driver: opt.str({ default: 'sql', help: 'Storage of public ID mappings (keystone.identity.id_mapping).' }),
    generator: opt.str({ default: 'sha256', help: 'Public ID generator (keystone.identity.id_generator).' }),
    backward_compatible_ids: opt.bool({ default: true, help: 'Keep local IDs of a non-UUID default driver (e.g. LDAP) as public IDs.' }),
  },
});
