#!/usr/bin/python3
"""Oracle for the interop tests: runs Keystone 22's own code on request.

Reads one JSON document on stdin:
  {"key_repository": dir, "methods": [...], "default_domain_id": "default",
   "ops": [{"op": ..., ...}, ...]}
and prints a JSON list with one result per op. Each op is answered by
Keystone's code (token provider, TokenFormatter, payload classes,
FernetUtils, credential provider), never by a re-implementation, so the
TypeScript side is compared against the real thing.
"""
import binascii
import json
import sys

import keystone.conf

CONF = keystone.conf.CONF


def configure(doc):
    keystone.conf.configure(CONF)
    CONF(args=[], project='keystone', default_config_files=[],
         default_config_dirs=[])
    if doc.get('key_repository'):
        CONF.set_override('key_repository', doc['key_repository'],
                          group='fernet_tokens')
    if doc.get('credential_repository'):
        CONF.set_override('key_repository', doc['credential_repository'],
                          group='credential')
    if doc.get('methods') is not None:
        CONF.set_override('methods', doc['methods'], group='auth')
    if doc.get('default_domain_id'):
        CONF.set_override('default_domain_id', doc['default_domain_id'],
                          group='identity')


def token_model(fields):
    from keystone.models import token_model as tm
    t = tm.TokenModel()
    t.user_id = fields['user_id']
    t.methods = fields['methods']
    t.expires_at = fields['expires_at']
    t.audit_id = fields['audit_ids'][0]
    if len(fields['audit_ids']) > 1:
        t.parent_audit_id = fields['audit_ids'][1]
    t.system = fields.get('system')
    t.domain_id = fields.get('domain_id')
    t.project_id = fields.get('project_id')
    t.trust_id = fields.get('trust_id')
    t.access_token_id = fields.get('access_token_id')
    t.application_credential_id = fields.get('app_cred_id')
    groups = fields.get('federated_group_ids')
    if groups is not None:
        t.is_federated = True
        t.federated_groups = [{'id': g} for g in groups]
        t.identity_provider_id = fields.get('identity_provider_id')
        t.protocol_id = fields.get('protocol_id')
    return t


def payload_info(token):
    import msgpack
    from keystone.token import token_formatters as tf
    raw = tf.TokenFormatter().unpack(token)
    return {'version': msgpack.unpackb(raw)[0], 'payload_hex': raw.hex()}


def op_issue(op):
    from keystone.token.providers.fernet import core
    token, issued_at = core.Provider().generate_id_and_issued_at(
        token_model(op['fields']))
    return dict(token=token, issued_at=issued_at, **payload_info(token))


def op_validate(op):
    from keystone import exception
    from keystone.token.providers.fernet import core
    try:
        r = core.Provider().validate_token(op['token'])
    except exception.Error as e:
        return {'error': type(e).__name__, 'code': e.code, 'message': str(e)}
    except Exception as e:  # what Keystone would turn into a 500
        return {'error': type(e).__name__, 'code': 500, 'message': str(e)}
    names = ('user_id', 'methods', 'audit_ids', 'system', 'domain_id',
             'project_id', 'trust_id', 'federated_group_ids',
             'identity_provider_id', 'protocol_id', 'access_token_id',
             'app_cred_id', 'issued_at', 'expires_at')
    facts = dict(zip(names, r))
    if facts['federated_group_ids'] is not None:
        facts['federated_group_ids'] = [
            g['id'] for g in facts['federated_group_ids']]
    facts.update(payload_info(op['token']))
    return facts


def op_pack_id(op):
    from keystone.token.token_formatters import BasePayload
    flag, value = BasePayload.attempt_convert_uuid_hex_to_bytes(op['value'])
    return [flag, value.hex() if flag else value]


def op_python_int(op):
    try:
        return str(int(op['value'], op['base']))
    except ValueError:
        return None


def op_methods_to_int(op):
    from keystone.auth import plugins
    return str(plugins.convert_method_list_to_integer(op['value']))


def op_int_to_methods(op):
    from keystone.auth import plugins
    return plugins.convert_integer_to_method_list(int(op['value']))


def op_time_string(op):
    from keystone.token.token_formatters import BasePayload
    return BasePayload._convert_float_to_time_string(op['value'])


def op_time_float(op):
    from keystone.token.token_formatters import BasePayload
    return BasePayload._convert_time_string_to_float(op['value'])


def op_audit_bytes(op):
    from keystone.token.token_formatters import BasePayload
    try:
        return BasePayload.random_urlsafe_str_to_bytes(op['value']).hex()
    except (binascii.Error, ValueError) as e:
        return {'error': str(e)}


def futils(op):
    from keystone.common import fernet_utils
    return fernet_utils.FernetUtils(op['dir'], op.get('max_active_keys', 3),
                                    op.get('group', 'fernet_tokens'))


def op_setup(op):
    u = futils(op)
    u.create_key_directory()
    if u.validate_key_repository(requires_write=True):
        u.initialize_key_repository()
    return sorted(int(k) for k in __import__('os').listdir(op['dir'])
                  if k.isdigit())


def op_rotate(op):
    u = futils(op)
    if u.validate_key_repository(requires_write=True):
        u.rotate_keys()
    return sorted(int(k) for k in __import__('os').listdir(op['dir'])
                  if k.isdigit())


def op_load_keys(op):
    return futils(op).load_keys()


def op_fernet_encrypt(op):
    from cryptography import fernet
    f = fernet.Fernet(op['key'])
    return f._encrypt_from_parts(bytes.fromhex(op['data_hex']), op['time'],
                                 bytes.fromhex(op['iv_hex'])).decode()


def op_fernet_decrypt(op):
    from cryptography import fernet
    mf = fernet.MultiFernet([fernet.Fernet(k) for k in op['keys']])
    try:
        return mf.decrypt(op['token'].encode()).hex()
    except fernet.InvalidToken:
        return {'error': 'InvalidToken'}


def credential_core():
    # The package re-exports the base `core` module under the same name, so
    # import the fernet module by its full name.
    import importlib
    return importlib.import_module('keystone.credential.providers.fernet.core')


def op_credential_encrypt(op):
    core = credential_core()
    blob, key_hash = core.Provider().encrypt(op['plaintext'])
    return {'blob': blob.decode(), 'key_hash': key_hash}


def op_credential_decrypt(op):
    core = credential_core()
    return core.Provider().decrypt(op['blob'])


def op_credential_key_hash(op):
    core = credential_core()
    _, keys = core.get_multi_fernet_keys()
    return core.primary_key_hash(keys)


OPS = {name[3:]: fn for name, fn in globals().items() if name.startswith('op_')}


def main():
    doc = json.load(sys.stdin)
    configure(doc)
    out = []
    for op in doc['ops']:
        try:
            out.append(OPS[op['op']](op))
        except Exception as e:  # report, don't abort the batch
            out.append({'error': type(e).__name__, 'message': str(e)})
    json.dump(out, sys.stdout)


if __name__ == '__main__':
    # Keystone logs to stderr by default; keep stdout for the JSON answer.
    main()
