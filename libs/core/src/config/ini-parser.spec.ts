import { IniSyntaxError, parseIni, type RawSections } from './ini-parser';

const values = (s: RawSections, section: string, key: string) => s.get(section)?.get(key)?.map((v) => v.value);

describe('parseIni (oslo.config dialect)', () => {
  it('keeps repeated keys as several values, in file order, each with its line', () => {
    const s = parseIni('[DEFAULT]\nmulti = a\n# comment\nmulti = b\n', 'k.conf');
    expect(s.get('DEFAULT')!.get('multi')).toEqual([
      { value: 'a', file: 'k.conf', line: 2 },
      { value: 'b', file: 'k.conf', line: 4 },
    ]);
  });

  it('accepts both = and : and splits at whichever comes first', () => {
    const s = parseIni('[a]\nx = 1\ny: 2\nurl = http://h:5000\nm: a=b\n', 'f');
    expect(values(s, 'a', 'x')).toEqual(['1']);
    expect(values(s, 'a', 'y')).toEqual(['2']);
    expect(values(s, 'a', 'url')).toEqual(['http://h:5000']);
    expect(values(s, 'a', 'm')).toEqual(['a=b']);
  });

  it('joins continuation lines with a newline until a blank line', () => {
    const s = parseIni('[a]\nml = first\n  second\n\tthird\n\nnext = x\n', 'f');
    expect(values(s, 'a', 'ml')).toEqual(['first\nsecond\nthird']);
    expect(values(s, 'a', 'next')).toEqual(['x']);
  });

  it('treats an indented # line after a key as part of the value, as oslo does', () => {
    const s = parseIni('[a]\nx = 1\n  # not a comment\n', 'f');
    expect(values(s, 'a', 'x')).toEqual(['1\n# not a comment']);
  });

  it('refuses a continuation line after a blank line', () => {
    expect(() => parseIni('[a]\nx = 1\n\n  y\n', 'f.conf')).toThrow(/^f\.conf:4: unexpected continuation line: y$/);
  });

  it('treats # and ; as comments only in the first column', () => {
    const s = parseIni('# c\n; c\n[a]\nx = 1 # not a comment\n', 'f');
    expect(values(s, 'a', 'x')).toEqual(['1 # not a comment']);
  });

  it('strips matching quotes around a whole value, and only then', () => {
    const s = parseIni(`[a]\nq = "hello world"\ns = 'x'\nhalf = "abc\nmixed = "a'\nin = a "b" c\n`, 'f');
    expect(values(s, 'a', 'q')).toEqual(['hello world']);
    expect(values(s, 'a', 's')).toEqual(['x']);
    expect(values(s, 'a', 'half')).toEqual(['"abc']);
    expect(values(s, 'a', 'mixed')).toEqual([`"a'`]);
    expect(values(s, 'a', 'in')).toEqual(['a "b" c']);
  });

  it('lower-cases section names except DEFAULT and merges them', () => {
    const s = parseIni('[Identity]\ndriver = ldap\n[identity]\ncaching = on\n[DEFAULT]\nx = 1\n', 'f');
    expect(values(s, 'identity', 'driver')).toEqual(['ldap']);
    expect(values(s, 'identity', 'caching')).toEqual(['on']);
    expect(s.has('Identity')).toBe(false);
    expect(values(s, 'DEFAULT', 'x')).toEqual(['1']);
  });

  it('keeps an empty value and trims around keys and values', () => {
    const s = parseIni('[a]\n  \nempty =\nspaced   =   v  \n', 'f');
    expect(values(s, 'a', 'empty')).toEqual(['']);
    expect(values(s, 'a', 'spaced')).toEqual(['v']);
  });

  it('accepts CRLF and bare CR line ends', () => {
    const s = parseIni('[a]\r\nx = 1\r\ny = 2\rz = 3', 'f');
    expect(values(s, 'a', 'x')).toEqual(['1']);
    expect(values(s, 'a', 'y')).toEqual(['2']);
    expect(values(s, 'a', 'z')).toEqual(['3']);
  });

  it('accumulates several files into one map, remembering each origin', () => {
    const s = parseIni('[a]\nx = 1\n', 'one.conf');
    parseIni('[a]\nx = 2\n', 'two.conf', s);
    expect(s.get('a')!.get('x')!.map((v) => `${v.file}:${v.line}=${v.value}`)).toEqual(['one.conf:2=1', 'two.conf:2=2']);
  });

  it.each([
    ['x = 1\n', /^f\.conf:1: option 'x' is outside of any \[section\]/],
    ['[a]\njust words\n', /^f\.conf:2: no ':' or '=' found in assignment: just words$/],
    ['[a]\n= v\n', /^f\.conf:2: key cannot be empty/],
    ['[a\nx = 1\n', /^f\.conf:1: invalid section \(must end with \]\)/],
    ['[]\n', /^f\.conf:1: empty section name/],
    ['  x = 1\n', /^f\.conf:1: unexpected continuation line/],
  ])('refuses %j naming file and line', (text, message) => {
    let err: unknown;
    try {
      parseIni(text, 'f.conf');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(IniSyntaxError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });
});
