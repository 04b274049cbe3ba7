import { baseStringUri, normalizeParameters, oauthEscape, oauthUnescape, parseAuthorizationHeader, sign, signatureBaseString } from './rfc5849';

describe('RFC 5849 primitives', () => {
  it('percent-encodes everything but the unreserved set, upper-case hex, UTF-8', () => {
    expect(oauthEscape("a-b.c_d~e !*'()/=&+%")).toBe('a-b.c_d~e%20%21%2A%27%28%29%2F%3D%26%2B%25');
    expect(oauthEscape('é')).toBe('%C3%A9');
    expect(oauthUnescape('%2Bx%3D')).toBe('+x=');
    expect(oauthUnescape('100%')).toBe('100%');
  });

  it('parses an OAuth Authorization header, realm and quoted commas included', () => {
    expect(parseAuthorizationHeader('OAuth realm="Example", oauth_nonce="a,b", oauth_token="t%3D"')).toEqual([
      ['realm', 'Example'],
      ['oauth_nonce', 'a,b'],
      ['oauth_token', 't%3D'],
    ]);
    expect(parseAuthorizationHeader('oauth oauth_nonce=1')).toEqual([['oauth_nonce', '1']]);
    expect(parseAuthorizationHeader('Bearer abc')).toBeNull();
    expect(parseAuthorizationHeader('OAuth novalue')).toBeNull();
  });

  it('builds the base string URI (lower case, default port dropped, empty path "/")', () => {
    expect(baseStringUri('HTTP://Example.COM:80/r%20v/X?id=123')).toBe('http://example.com/r%20v/X');
    expect(baseStringUri('https://www.example.net:8080/?q=1')).toBe('https://www.example.net:8080/');
    expect(baseStringUri('https://example.net:443')).toBe('https://example.net/');
  });

  it('normalizes parameters as RFC 5849 §3.4.1.3.2 (its own example)', () => {
    const params: [string, string][] = [
      ['b5', '=%3D'],
      ['a3', 'a'],
      ['c@', ''],
      ['a2', 'r b'],
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
      ['c2', ''],
      ['a3', '2 q'],
    ];
    expect(normalizeParameters(params)).toBe(
      'a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7',
    );
  });

  // Expected signatures computed with oauthlib 3.2 (oauth1.Client.sign).
  it('signs HMAC-SHA1 like oauthlib (RFC 5849 §1.2 credentials)', () => {
    const params: [string, string][] = [
      ['file', 'vacation.jpg'],
      ['size', 'original'],
      ['oauth_nonce', 'chapoH'],
      ['oauth_timestamp', '137131202'],
      ['oauth_version', '1.0'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
      ['oauth_token', 'nnch734d00sl2jdk'],
    ];
    const base = signatureBaseString('get', baseStringUri('http://photos.example.net/photos?file=vacation.jpg&size=original'), normalizeParameters(params));
    expect(sign('HMAC-SHA1', base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe('1IAE9RzK+DqSqVTdQ/0zWANXVzs=');
  });

  it('escapes secrets in the key and signs HMAC-SHA256 like oauthlib', () => {
    const p1: [string, string][] = [
      ['a', 'b c'],
      ['z', ''],
      ['oauth_nonce', '12345'],
      ['oauth_timestamp', '1700000000'],
      ['oauth_version', '1.0'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_consumer_key', '0123456789abcdef0123456789abcdef'],
      ['oauth_callback', 'oob'],
    ];
    const b1 = signatureBaseString('POST', baseStringUri('HTTP://Example.COM:80/v3/OS-OAUTH1/request_token'), normalizeParameters(p1));
    expect(sign('HMAC-SHA1', b1, 's3cr3t!* ~()', null)).toBe('ePxMavalzvq+98BDOfrGV2faTK0=');

    const p2: [string, string][] = [
      ['oauth_nonce', '12345'],
      ['oauth_timestamp', '1700000000'],
      ['oauth_version', '1.0'],
      ['oauth_signature_method', 'HMAC-SHA256'],
      ['oauth_consumer_key', '0123456789abcdef0123456789abcdef'],
      ['oauth_token', 'ffffffffffffffffffffffffffffffff'],
    ];
    const b2 = signatureBaseString('POST', baseStringUri('https://ks.example.org:5000/v3/auth/tokens'), normalizeParameters(p2));
    expect(sign('HMAC-SHA256', b2, 'sec', 'tok')).toBe('iPTB6Fevrt6NSZcuqv3c9QVcu41EED3C3u1qR+9kysU=');
  });

  it('PLAINTEXT is the escaped key', () => {
    expect(sign('PLAINTEXT', 'ignored', 'a&b', null)).toBe('a%26b&');
  });
});
