"""Reference decisions from the real oslo.policy, for the differential specs.

Reads one JSON request on stdin and writes the answers as JSON on stdout:
  parse:    str() of oslo's parse tree for each rule;
  files:    each policy file text parsed as oslo does, as {name: str(tree)};
  language: parse rules with oslo and evaluate named rules directly;
  enforcer: register defaults (given, or Keystone's own), load an optional
            policy file, and authorize actions under the given flags.
Each answer is true, false, "scope" (InvalidScope), "unregistered" or "error".
"""
import json
import logging
import os
import sys
import tempfile
import warnings

warnings.simplefilter('ignore')
logging.disable(logging.CRITICAL)
sys.setrecursionlimit(400)  # cyclic rules fail fast; the answer is "error" either way

from oslo_config import cfg  # noqa: E402
from oslo_policy import _checks, _parser, policy  # noqa: E402


def make_conf(enforce_scope=False, enforce_new_defaults=False):
    conf = cfg.ConfigOpts()
    conf([], project='keystone-ts-oracle', default_config_files=[], default_config_dirs=[])
    policy.Enforcer(conf, use_conf=False)  # registers the [oslo_policy] options
    conf.set_override('enforce_scope', enforce_scope, group='oslo_policy')
    conf.set_override('enforce_new_defaults', enforce_new_defaults, group='oslo_policy')
    conf.set_override('policy_dirs', [], group='oslo_policy')
    return conf


def outcome(fn):
    try:
        return bool(fn())
    except policy.InvalidScope:
        return 'scope'
    except policy.PolicyNotAuthorized:
        return False
    except policy.PolicyNotRegistered:
        return 'unregistered'
    except Exception:  # what Keystone would turn into a 500
        return 'error'


def run_language(case):
    enforcer = policy.Enforcer(make_conf(), use_conf=False)
    rules = policy.Rules.from_dict(case['rules'], case.get('defaultRule'))
    enforcer.set_rules(rules, use_conf=False)

    def check(item):
        try:
            rule = enforcer.rules[item['rule']]
        except KeyError:
            return False
        return _checks._check(rule, item['target'], dict(item['creds']), enforcer, item['rule'])

    return [outcome(lambda item=item: check(item)) for item in case['checks']]


def parse_file(text):
    try:
        return {str(k): str(_parser.parse_rule(v)) for k, v in policy.parse_file_contents(text).items()}
    except Exception as e:  # noqa: BLE001 - what oslo would raise at load
        return {'<error>': type(e).__name__}


def to_default(d):
    deprecated = None
    if d.get('deprecatedRule'):
        dr = d['deprecatedRule']
        deprecated = policy.DeprecatedRule(
            name=dr['name'], check_str=dr['checkStr'],
            deprecated_reason=dr.get('deprecatedReason') or 'r', deprecated_since=dr.get('deprecatedSince') or 'X')
    return policy.RuleDefault(
        d['name'], d['checkStr'], description=d.get('description'), deprecated_rule=deprecated,
        scope_types=d.get('scopeTypes'))


def run_enforcer(case, keystone_rules):
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'policy.yaml')
        if case.get('policyFile') is not None:
            with open(path, 'w') as f:
                f.write(case['policyFile'])
        conf = make_conf(case.get('enforceScope', False), case.get('enforceNewDefaults', False))
        enforcer = policy.Enforcer(conf, policy_file=path)
        enforcer.suppress_deprecation_warnings = True
        if case['defaults'] == 'keystone':
            enforcer.register_defaults(keystone_rules())
        else:
            enforcer.register_defaults([to_default(d) for d in case['defaults']])
        for item in expand_checks(case):
            target = flatten(item['target'])
            creds = dict(item['creds'])
            results.append(outcome(lambda: enforcer.authorize(item['action'], target, creds, do_raise=True)))
    return results


def expand_checks(case):
    """Explicit checks, then the action x creds x target matrix (same order as the TypeScript side)."""
    checks = list(case.get('checks', []))
    matrix = case.get('matrix')
    if matrix:
        checks += [{'action': a, 'creds': c, 'target': t}
                   for a in matrix['actions'] for c in matrix['creds'] for t in matrix['targets']]
    return checks


def flatten(d, parent=''):
    """Keystone's utils.flatten_dict."""
    items = []
    for k, v in d.items():
        key = parent + '.' + k if parent else k
        if isinstance(v, dict):
            items.extend(flatten(v, key).items())
        else:
            items.append((key, v))
    return dict(items)


def keystone_rules():
    from keystone.common import policies
    return list(policies.list_rules())


def main():
    request = json.load(sys.stdin)
    answer = {
        'parse': [str(_parser.parse_rule(r)) for r in request.get('parse', [])],
        'files': [parse_file(t) for t in request.get('files', [])],
        'language': [run_language(c) for c in request.get('language', [])],
        'enforcer': [run_enforcer(c, keystone_rules) for c in request.get('enforcer', [])],
    }
    json.dump(answer, sys.stdout)


if __name__ == '__main__':
    main()
