"""Differential-test oracle: Keystone 22's own password hashing, driven by JSON.

Reads a JSON list of requests on stdin and writes a JSON list of results
(one per request) on stdout, so one interpreter start serves a whole spec.

Request shapes:
  {"op": "hash",  "conf": {...}, "password": str}
      keystone.common.password_hashing.hash_password
  {"op": "check", "conf": {...}, "password": str|null, "hash": str|null}
  {"op": "check", "conf": {...}, "password": str|null, "hash_from": int}
      keystone.common.password_hashing.check_password; "hash_from" takes
      the hash made by an earlier request of the same batch, so making and
      checking need only one interpreter start
  {"op": "passlib", "handler": name, "settings": {...}, "password": str}
      passlib.hash.<handler>.using(**settings).hash(utf-8 bytes): formats
      Keystone can verify but no longer writes (sha512_crypt, $2y$, $7$ ...)
"conf" holds [identity] option overrides plus "strict_password_check"; it
is applied the way Keystone's tests do (set_override on a fresh CONF).
Result: {"ok": value} or {"error": exception class name}.
"""
import json
import logging
import sys
import warnings

import passlib.hash

import keystone.conf
from keystone.common import password_hashing

CONF = keystone.conf.CONF
IDENTITY_OPTS = ('password_hash_algorithm', 'password_hash_rounds',
                 'salt_bytesize', 'scrypt_block_size', 'scrypt_parallelism',
                 'max_password_length')


def configure(conf):
    CONF.clear_override('strict_password_check')
    for name in IDENTITY_OPTS:
        CONF.clear_override(name, group='identity')
    for name, value in conf.items():
        if name == 'strict_password_check':
            CONF.set_override(name, value)
        else:
            CONF.set_override(name, value, group='identity')


def run(request, results):
    op = request['op']
    if op == 'passlib':
        handler = getattr(passlib.hash, request['handler'])
        secret = request['password'].encode('utf-8')
        return handler.using(**request.get('settings', {})).hash(secret)
    configure(request.get('conf', {}))
    if op == 'hash':
        return password_hashing.hash_password(request['password'])
    if op == 'check':
        if 'hash_from' in request:
            made = results[request['hash_from']]
            if 'ok' not in made:
                raise LookupError('no hash was made')
            hashed = made['ok']
        else:
            hashed = request['hash']
        return password_hashing.check_password(request['password'], hashed)
    raise ValueError('unknown op %r' % op)


def main():
    # Keystone's truncation warnings are expected; keep stderr quiet.
    logging.disable(logging.CRITICAL)
    warnings.simplefilter('ignore')
    keystone.conf.configure()
    CONF(args=[], project='keystone', default_config_files=[],
         default_config_dirs=[])
    results = []
    for request in json.load(sys.stdin):
        try:
            results.append({'ok': run(request, results)})
        except Exception as e:  # reported, compared by the spec
            results.append({'error': type(e).__name__})
    json.dump(results, sys.stdout)


if __name__ == '__main__':
    main()
