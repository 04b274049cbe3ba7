#!/usr/bin/python3
"""Oracle for the JWS interop tests: runs Keystone 22's own JWSFormatter.

Reads one JSON document on stdin:
  {"private_repository": dir, "public_repository": dir, "ops": [...]}
and prints a JSON list with one result per op:
  {"op": "validate", "token": t}   -> Keystone's validate_token tuple as a dict,
                                      or {"error": class name}
  {"op": "create", "fields": {...}} -> {"token": t} made by Keystone's create_token
  {"op": "decode", "token": t}      -> PyJWT's header and claims, signature checked
                                      with public.pem of the public repository
  {"op": "keypair", "private": p, "public": q} -> Keystone's create_jws_keypair
"""
import json
import os
import sys

import jwt

import keystone.conf

CONF = keystone.conf.CONF


def configure(doc):
    keystone.conf.configure(CONF)
    CONF(args=[], project='keystone', default_config_files=[],
         default_config_dirs=[])
    if doc.get('private_repository'):
        CONF.set_override('jws_private_key_repository',
                          doc['private_repository'], group='jwt_tokens')
    if doc.get('public_repository'):
        CONF.set_override('jws_public_key_repository',
                          doc['public_repository'], group='jwt_tokens')


def run(op):
    from keystone.token.providers.jws import core
    from keystone.common import jwt_utils
    fmt = core.JWSFormatter()
    kind = op['op']
    if kind == 'validate':
        try:
            (user_id, methods, audit_ids, system, domain_id, project_id,
             trust_id, group_ids, idp_id, protocol_id, access_token_id,
             app_cred_id, issued_at, expires_at) = fmt.validate_token(
                op['token'])
        except Exception as e:  # the class name is what the test compares
            return {'error': type(e).__name__}
        return {
            'user_id': user_id, 'methods': methods, 'audit_ids': audit_ids,
            'system': system, 'domain_id': domain_id,
            'project_id': project_id, 'trust_id': trust_id,
            'federated_group_ids': group_ids, 'identity_provider_id': idp_id,
            'protocol_id': protocol_id, 'access_token_id': access_token_id,
            'app_cred_id': app_cred_id, 'issued_at': issued_at,
            'expires_at': expires_at,
        }
    if kind == 'create':
        f = op['fields']
        groups = f.get('federated_group_ids')
        token, issued_at = fmt.create_token(
            f['user_id'], f['expires_at'], f['audit_ids'], f['methods'],
            system=f.get('system'), domain_id=f.get('domain_id'),
            project_id=f.get('project_id'), trust_id=f.get('trust_id'),
            federated_group_ids=(None if groups is None
                                 else [{'id': g} for g in groups]),
            identity_provider_id=f.get('identity_provider_id'),
            protocol_id=f.get('protocol_id'),
            access_token_id=f.get('access_token_id'),
            app_cred_id=f.get('app_cred_id'))
        return {'token': token, 'issued_at': issued_at}
    if kind == 'decode':
        path = os.path.join(CONF.jwt_tokens.jws_public_key_repository,
                            'public.pem')
        with open(path) as f:
            key = f.read()
        try:
            claims = jwt.decode(op['token'], key, algorithms='ES256',
                                options={'verify_exp': False})
        except Exception as e:
            return {'error': type(e).__name__}
        return {'header': jwt.get_unverified_header(op['token']),
                'claims': claims}
    if kind == 'keypair':
        jwt_utils.create_jws_keypair(op['private'], op['public'])
        return {}
    raise ValueError(kind)


def main():
    doc = json.load(sys.stdin)
    configure(doc)
    json.dump([run(op) for op in doc['ops']], sys.stdout)


if __name__ == '__main__':
    main()
