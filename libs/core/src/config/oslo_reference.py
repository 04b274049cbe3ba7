"""Reference for the config specs: how oslo.config itself reads a config.

Reads JSON on stdin: {"args": [...argv], "search": bool, "options": [
{"group", "name", "type", "default", "deprecated", "min", "max", "choices",
"secret"}]} and prints {"group.name": {"value": v} | {"error": "..."}}.
With "search" false, oslo's default file/dir search is switched off (only
--config-file/--config-dir count); with it true, HOME decides what is found.
"""
import json
import math
import sys

from oslo_config import cfg

TYPES = {
    'string': cfg.StrOpt, 'integer': cfg.IntOpt, 'float': cfg.FloatOpt,
    'boolean': cfg.BoolOpt, 'list': cfg.ListOpt, 'multi': cfg.MultiStrOpt,
    'dict': cfg.DictOpt,
}


def make_opt(o):
    kwargs = {'default': o.get('default'), 'secret': bool(o.get('secret'))}
    if o['type'] in ('integer', 'float'):
        kwargs['min'] = o.get('min')
        kwargs['max'] = o.get('max')
    if o.get('choices') is not None and o['type'] in ('string', 'integer'):
        kwargs['choices'] = [int(c) for c in o['choices']] if o['type'] == 'integer' else o['choices']
    deprecated = []
    for d in o.get('deprecated') or []:
        if '.' in d:
            g, n = d.split('.', 1)
            deprecated.append(cfg.DeprecatedOpt(n, group=g))
        else:
            deprecated.append(cfg.DeprecatedOpt(d))
    if deprecated:
        kwargs['deprecated_opts'] = deprecated
    return TYPES[o['type']](o['name'], **kwargs)


def jsonable(v):
    if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
        return repr(v)
    return v


def main():
    req = json.load(sys.stdin)
    conf = cfg.ConfigOpts()
    for o in req['options']:
        group = None if o['group'] == 'DEFAULT' else o['group']
        conf.register_opt(make_opt(o), group=group)
    extra = {} if req.get('search') else {'default_config_files': [], 'default_config_dirs': []}
    out = {}
    try:
        conf(args=req['args'], project='keystone', prog='keystone-reference-prog', **extra)
    except Exception as e:  # noqa: BLE001 - reported to the caller
        print(json.dumps({'__load__': {'error': '%s: %s' % (type(e).__name__, e)}}))
        return
    for o in req['options']:
        key = '%s.%s' % (o['group'], o['name'])
        try:
            v = conf[o['name']] if o['group'] == 'DEFAULT' else conf[o['group']][o['name']]
            out[key] = {'value': jsonable(v)}
        except Exception as e:  # noqa: BLE001
            out[key] = {'error': '%s: %s' % (type(e).__name__, e)}
    print(json.dumps(out))


if __name__ == '__main__':
    main()
