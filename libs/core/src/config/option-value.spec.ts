import { opt } from '@keystone-ts/plugin-sdk';
import { convertOptionValue, OptionValueError, splitList } from './option-value';
import { interpolate, InterpolationError, pythonStr } from './interpolation';

const conv = (def: Parameters<typeof convertOptionValue>[0], ...raw: string[]) => convertOptionValue(def, raw);

describe('convertOptionValue (oslo.config types)', () => {
  it('uses the last value of a single-valued option and all of a multi one', () => {
    expect(conv(opt.str({ help: '' }), 'a', 'b')).toBe('b');
    expect(conv(opt.multi({ default: [], help: '' }), 'a', 'b')).toEqual(['a', 'b']);
  });

  it.each(['true', 'TRUE', 'True', 'yes', 'YES', 'on', 'On', '1'])('reads %s as true', (v) => {
    expect(conv(opt.bool({ default: false, help: '' }), v)).toBe(true);
  });

  it.each(['false', 'FALSE', 'no', 'No', 'off', 'OFF', '0'])('reads %s as false', (v) => {
    expect(conv(opt.bool({ default: true, help: '' }), v)).toBe(false);
  });

  it.each(['', 'y', 'n', 't', '2', 'enabled'])('refuses %j as a boolean', (v) => {
    expect(() => conv(opt.bool({ default: true, help: '' }), v)).toThrow(OptionValueError);
  });

  it('reads integers as Python int() does', () => {
    const i = opt.int({ default: 1, help: '' });
    expect(conv(i, ' 42 ')).toBe(42);
    expect(conv(i, '+7')).toBe(7);
    expect(conv(i, '-3')).toBe(-3);
    expect(conv(i, '1_000')).toBe(1000);
    for (const bad of ['4.5', '0x10', '1e3', 'ten', '12abc', '1__0']) {
      expect(() => conv(i, bad)).toThrow('must be an integer');
    }
  });

  it('treats an empty number as unset when the option has no default', () => {
    expect(conv(opt.int({ default: null, help: '' }), '')).toBeNull();
    expect(conv(opt.float({ default: null, help: '' }), '  ')).toBeNull();
    expect(() => conv(opt.int({ default: 5, help: '' }), '')).toThrow('must be an integer');
    expect(() => conv(opt.float({ default: 1.5, help: '' }), '')).toThrow('must be a number');
  });

  it('checks min and max inclusively', () => {
    const port = opt.int({ default: 5000, min: 0, max: 65535, help: '' });
    expect(conv(port, '0')).toBe(0);
    expect(conv(port, '65535')).toBe(65535);
    expect(() => conv(port, '-1')).toThrow('must be >= 0');
    expect(() => conv(port, '65536')).toThrow('must be <= 65535');
  });

  it('checks integer and string choices', () => {
    expect(conv(opt.int({ default: 1, choices: ['1', '2'], help: '' }), '2')).toBe(2);
    expect(() => conv(opt.int({ default: 1, choices: ['1', '2'], help: '' }), '3')).toThrow('must be one of 1, 2');
    const fmt = opt.str({ default: 'cadf', choices: ['basic', 'cadf'], help: '' });
    expect(conv(fmt, 'basic')).toBe('basic');
    expect(() => conv(fmt, 'CADF')).toThrow('must be one of basic, cadf');
  });

  it('reads floats as Python float() does', () => {
    const f = opt.float({ default: 0, help: '' });
    expect(conv(f, '1.5')).toBe(1.5);
    expect(conv(f, ' .5 ')).toBe(0.5);
    expect(conv(f, '2.')).toBe(2);
    expect(conv(f, '1e3')).toBe(1000);
    expect(conv(f, '-inf')).toBe(-Infinity);
    expect(conv(f, 'Infinity')).toBe(Infinity);
    for (const bad of ['0x10', 'abc', '1.2.3', 'Infinityx']) {
      expect(() => conv(f, bad)).toThrow('must be a number');
    }
  });

  it('splits lists as oslo ListOpt does', () => {
    expect(splitList('a, b ,c')).toEqual(['a', 'b', 'c']);
    expect(splitList('a,,b, c ,')).toEqual(['a', '', 'b', 'c']);
    expect(splitList('   ')).toEqual([]);
    expect(splitList('a,,,')).toEqual(['a']);
  });

  it('reads dicts as oslo DictOpt does', () => {
    const d = opt.dict({ default: {}, help: '' });
    expect(conv(d, 'a:1, b : 2')).toEqual({ a: '1', b: '2' });
    expect(conv(d, 'url:http://x:5000')).toEqual({ url: 'http://x:5000' });
    expect(conv(d, '')).toEqual({});
    // A piece without ':' is glued to the next one (oslo's retry).
    expect(conv(d, 'a,b:1')).toEqual({ 'a,b': '1' });
    expect(() => conv(d, 'a:1,a:2')).toThrow("duplicate key 'a'");
    expect(() => conv(d, ':1')).toThrow('key name must not be empty');
    expect(() => conv(d, 'novalue')).toThrow('key:value pairs');
  });
});

describe('interpolate (oslo string.Template)', () => {
  const opts: Record<string, string> = {
    'DEFAULT.state_path': '/srv/ks',
    'DEFAULT.log_dir': '',
    'identity.driver': 'ldap',
    'identity.domain_config_dir': '/etc/d',
  };
  const lookup = (g: string, n: string) => opts[`${g}.${n}`];
  const sub = (v: string, group = 'DEFAULT') => interpolate(v, group, lookup);

  it('substitutes $name, ${name}, $group.name and ${group.name}', () => {
    expect(sub('$state_path/keystone.db')).toBe('/srv/ks/keystone.db');
    expect(sub('${state_path}x')).toBe('/srv/ksx');
    expect(sub('$identity.driver-x')).toBe('ldap-x');
    expect(sub('${identity.domain_config_dir}/a')).toBe('/etc/d/a');
  });

  it('looks in the own group first, then [DEFAULT]', () => {
    expect(sub('$driver', 'identity')).toBe('ldap');
    expect(sub('$state_path', 'identity')).toBe('/srv/ks');
  });

  it('turns $$ and \\$ into a literal $', () => {
    expect(sub('a$$b')).toBe('a$b');
    expect(sub('a\\$b')).toBe('a$b');
    expect(sub('$$state_path')).toBe('$state_path');
  });

  it('leaves a $ that starts no identifier as written', () => {
    expect(sub('pa$5word')).toBe('pa$5word');
    expect(sub('a$')).toBe('a$');
    expect(sub('$ x')).toBe('$ x');
    expect(sub('${5}')).toBe('${5}');
  });

  it('renders an unset option as empty', () => {
    expect(sub('$log_dir/x.log')).toBe('/x.log');
  });

  it('refuses an unknown reference, hiding it in the masked reason', () => {
    let err: InterpolationError | undefined;
    try {
      sub('pa$sword');
    } catch (e) {
      err = e as InterpolationError;
    }
    expect(err).toBeInstanceOf(InterpolationError);
    expect(err!.message).toContain('$sword refers to an unknown option');
    expect(err!.maskedMessage).not.toContain('sword');
    expect(() => sub('$identity.driver.extra')).toThrow('unknown option');
  });

  it('stringifies values as Python str() does', () => {
    expect(pythonStr(true)).toBe('True');
    expect(pythonStr(false)).toBe('False');
    expect(pythonStr(null)).toBe('');
    expect(pythonStr(5)).toBe('5');
    expect(pythonStr(2, 'float')).toBe('2.0');
    expect(pythonStr(['a', 'b'])).toBe("['a', 'b']");
  });
});
