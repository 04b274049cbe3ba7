import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

/** Keystone deprecated these with its eventlet server; keystone-all is that server again, so they are live here. */
export const eventletServerOptions = defineOptionGroup({
  name: 'eventlet_server',
  options: {
    public_bind_host: opt.str({ default: '0.0.0.0', deprecatedNames: ['DEFAULT.bind_host', 'DEFAULT.public_bind_host'], help: 'Address the public API listens on.' }),
    public_port: opt.int({ default: 5000, min: 0, max: 65535, deprecatedNames: ['DEFAULT.public_port'], help: 'Port of the public API.' }),
    admin_bind_host: opt.str({ default: '0.0.0.0', deprecatedNames: ['DEFAULT.bind_host', 'DEFAULT.admin_bind_host'], help: 'Address the admin API listens on.' }),
    admin_port: opt.int({ default: 35357, min: 0, max: 65535, deprecatedNames: ['DEFAULT.admin_port'], help: 'Port of the admin API (serves the same v3 API).' }),
    public_workers: opt.int({ default: null, min: 1, help: 'Worker processes (node:cluster); defaults to the number of CPUs. 1 runs a single process.' }),
    admin_workers: opt.int({ default: null, min: 1, help: 'The same workers serve both ports: the larger of public_workers and admin_workers is used.' }),
    client_socket_timeout: opt.int({ default: 900, min: 0, help: 'Seconds an idle client connection is kept (0: forever).' }),
    tcp_keepalive: opt.bool({ default: false, help: 'Enable TCP keepalive on client sockets.' }),
    tcp_keepidle: opt.int({ default: 600, help: 'Seconds of idle time before keepalive probes.' }),
    // oslo.service kept this in [DEFAULT]; the old spelling still works.
    graceful_shutdown_timeout: opt.int({
      default: 60,
      min: 0,
      deprecatedNames: ['DEFAULT.graceful_shutdown_timeout'],
      help: 'Seconds SIGTERM/SIGINT (and SIGHUP, for the workers it retires) wait for in-flight requests before closing their connections (0: no limit).',
    }),
  },
});

export const eventletServerSslOptions = defineOptionGroup({
  name: 'eventlet_server_ssl',
  options: {
    enable: opt.bool({ default: false, deprecatedNames: ['ssl.enable'], help: 'Serve HTTPS.' }),
    certfile: opt.str({ default: '/etc/keystone/ssl/certs/keystone.pem', deprecatedNames: ['ssl.certfile'], help: 'Server certificate (PEM).' }),
    keyfile: opt.str({ default: '/etc/keystone/ssl/private/keystonekey.pem', deprecatedNames: ['ssl.keyfile'], help: 'Server private key (PEM, unencrypted); may be left unset when certfile also holds the key.' }),
    ca_certs: opt.str({ default: '/etc/keystone/ssl/certs/ca.pem', deprecatedNames: ['ssl.ca_certs'], help: 'CA certificates that sign client certificates.' }),
    cert_required: opt.bool({ default: false, deprecatedNames: ['ssl.cert_required'], help: 'Require a client certificate (two-way TLS).' }),
  },
});

export const osloMiddlewareOptions = defineOptionGroup({
  name: 'oslo_middleware',
  options: {
    max_request_body_size: opt.int({ default: 114688, min: 0, deprecatedNames: ['DEFAULT.osapi_max_request_body_size', 'DEFAULT.max_request_body_size'], help: 'Largest request body accepted, in bytes.' }),
    enable_proxy_headers_parsing: opt.bool({ default: false, help: 'Trust X-Forwarded-* / Forwarded headers for the request URL.' }),
  },
});

export const pluginsOptions = defineOptionGroup({
  name: 'plugins',
  help: 'Third-party plugins (npm packages) to load in addition to the built-in ones.',
  options: {
    packages: opt.list({ default: [], help: 'npm package names, resolved from the working directory, the config directory and the install.' }),
  },
});
