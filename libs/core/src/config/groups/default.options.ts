import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

export const defaultOptions = defineOptionGroup({
  name: 'DEFAULT',
  options: {
    admin_token: opt.str({ default: null, secret: true, help: 'Not used for authentication (removed upstream); accepted so old configs load.' }),
    public_endpoint: opt.str({ default: null, help: 'Base URL clients use to reach this service (links and version documents); derived from the request when unset.' }),
    max_project_tree_depth: opt.int({ default: 5, help: 'Deprecated location of [resource] max_project_tree_depth.' }),
    max_param_size: opt.int({ default: 64, help: 'Maximum length of a user or project ID and similar parameters.' }),
    max_token_size: opt.int({ default: 255, help: 'Maximum length of a token accepted in a header.' }),
    list_limit: opt.int({ default: null, help: 'Default maximum number of entities a listing returns; [<subsystem>] list_limit overrides it.' }),
    strict_password_check: opt.bool({ default: false, help: 'Refuse passwords longer than [identity] max_password_length instead of truncating them.' }),
    insecure_debug: opt.bool({ default: false, help: 'Put internal detail in error responses. Never enable in production.' }),
    default_publisher_id: opt.str({ default: null, help: 'Publisher id of notifications; defaults to identity.<host>.' }),
    notification_format: opt.str({ default: 'cadf', choices: ['basic', 'cadf'], help: 'Format of notifications.' }),
    notification_opt_out: opt.multi({
      default: ['identity.authenticate.success', 'identity.authenticate.pending', 'identity.authenticate.failed'],
      help: 'Event types not to emit (repeat the option for several).',
    }),
    debug: opt.bool({ default: false, help: 'Log at debug level.' }),
    verbose: opt.bool({ default: true, help: 'Accepted for compatibility; has no effect.' }),
    log_file: opt.str({ default: null, help: 'Log to this file (relative to log_dir).' }),
    log_dir: opt.str({ default: null, help: 'Directory of log_file.' }),
    use_stderr: opt.bool({ default: false, help: 'Log to standard error.' }),
    use_json: opt.bool({ default: false, help: 'Log as JSON lines.' }),
    state_path: opt.str({ default: '/var/lib/keystone', help: 'Top-level directory for keystone state; `$state_path` in other options refers to it.' }),
    host: opt.str({ default: null, sampleDefault: '<hostname>', help: 'Name of this node, used in notifications.' }),
  },
});
