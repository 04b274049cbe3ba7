import { sha512CryptChecksum, sha512CryptScheme } from './sha512-crypt-scheme';

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

/**
 * Vectors from the SHA-crypt specification, checked against glibc's
 * crypt(3). Salts longer than 16 characters appear here already cut, as the
 * spec's outputs show them; passlib (and so Keystone) refuses uncut ones.
 */
const VECTORS: Array<[password: string, hash: string]> = [
  ['Hello world!', '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1'],
  ['Hello world!', '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.'],
  ['This is just a test', '$6$rounds=5000$toolongsaltstrin$lQ8jolhgVRVhY4b5pZKaysCLi0QBxGoNeKQzQ3glMhwllF7oGDZxUhx1yxdYcz/e1JSbq3y6JMxxl8audkUEm0'],
  [
    'a very much longer text to encrypt.  This one even stretches over morethan one line.',
    '$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1',
  ],
  [
    'we have a short salt string but not a short password',
    '$6$rounds=77777$short$WuQyW2YR.hBNpjjRhpYD/ifIw05xdfeEyQoMxIXbkvr0gge1a1x3yRULJ5CCaUeOxFmtlcGZelFl5CxtgfiAc0',
  ],
];

describe('sha512_crypt', () => {
  it.each(VECTORS)('computes the spec vector for %j', async (password, hash) => {
    const [, , ...rest] = hash.split('$');
    const rounds = rest[0].startsWith('rounds=') ? Number(rest.shift()!.slice(7)) : 5000;
    expect(await sha512CryptChecksum(utf8(password), rest[0], rounds)).toBe(rest[1]);
    await expect(sha512CryptScheme.verify(utf8(password), hash)).resolves.toBe(true);
    await expect(sha512CryptScheme.verify(utf8(password + '.'), hash)).resolves.toBe(false);
  });

  it('handles passwords longer than one digest and an empty salt', async () => {
    // Made by passlib 1.7.4: sha512_crypt.using(rounds=1000, salt='').hash(b'x')
    await expect(
      sha512CryptScheme.verify(utf8('x'), '$6$rounds=1000$$MwL1ngOSTyhRTmswE6q2bTvDqHdFuhV10m2l0x3JOy.OEau0xfOpeR/0OC9iLEfgib0feJ9KJveLUAQeA8NXr1'),
    ).resolves.toBe(true);
    const long = utf8('p'.repeat(200));
    const chk = await sha512CryptChecksum(long, 'abc', 1000);
    await expect(sha512CryptScheme.verify(long, `$6$rounds=1000$abc$${chk}`)).resolves.toBe(true);
  });

  it.each([
    ['rounds below 1000', '$6$rounds=999$abc$'],
    ['zero-padded rounds', '$6$rounds=01000$abc$'],
    ['salt over 16 chars', '$6$rounds=1000$abcdefghijklmnopq$'],
    ['salt outside hash64', '$6$rounds=1000$ab_c$'],
  ])('refuses %s, as passlib does', async (_why, prefix) => {
    await expect(sha512CryptScheme.verify(utf8('x'), prefix + 'a'.repeat(86))).rejects.toThrow(/malformed sha512_crypt/);
  });

  it.each(['$6$abc', '$6$abc$', '$6$abc$' + 'a'.repeat(85), '$6$abc$' + 'a'.repeat(85) + '!', '$6$rounds=$abc$' + 'a'.repeat(86)])(
    'refuses the malformed %j',
    async (hash) => {
      await expect(sha512CryptScheme.verify(utf8('x'), hash)).rejects.toThrow(/malformed/);
    },
  );

  it('keeps the event loop turning during many rounds', async () => {
    // Counts timer callbacks rather than measuring gaps, which a loaded CI
    // machine would make flaky: 100k rounds are 50 slices, each a chance to run.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await sha512CryptChecksum(utf8('password'), 'salt', 100_000);
    clearInterval(timer);
    expect(ticks).toBeGreaterThanOrEqual(10);
  });
});
