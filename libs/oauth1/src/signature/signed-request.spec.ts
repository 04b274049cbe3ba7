import { baseStringUri, normalizeParameters, oauthEscape, sign, signatureBaseString } from './rfc5849';
import { OAuthRequestError, isVerifier, parseSignedRequest, verifySignature } from './signed-request';

const KEY = '0123456789abcdef0123456789abcdef';
const NOW = 1_700_000_000_000;

function header(params: Record<string, string>): string {
  return 'OAuth ' + Object.entries(params).map(([k, v]) => `${oauthEscape(k)}="${oauthEscape(v)}"`).join(', ');
}

function signed(url: string, extra: Record<string, string> = {}, secrets: [string, string | null] = ['csecret', null]): string {
  const oauth: Record<string, string> = {
    oauth_nonce: '1234567890',
    oauth_timestamp: String(NOW / 1000),
    oauth_version: '1.0',
    oauth_signature_method: 'HMAC-SHA1',
    oauth_consumer_key: KEY,
    ...extra,
  };
  const u = new URL(url);
  const base = signatureBaseString('POST', baseStringUri(url), normalizeParameters([...Object.entries(oauth), ...u.searchParams.entries()]));
  return header({ realm: '', ...oauth, oauth_signature: sign('HMAC-SHA1', base, secrets[0], secrets[1]) });
}

const parse = (authorization: string | undefined, query = '') => parseSignedRequest({ httpMethod: 'POST', authorization, query, nowMs: NOW });

describe('parseSignedRequest / verifySignature', () => {
  const url = 'http://127.0.0.1:5000/v3/OS-OAUTH1/request_token';

  it('accepts a well-signed request and exposes its oauth values', () => {
    const req = parse(signed(url, { oauth_callback: 'oob' }));
    expect(req.consumerKey).toBe(KEY);
    expect(req.callback).toBe('oob');
    expect(verifySignature(req, [url], 'csecret', null)).toBe(true);
  });

  it('rejects a wrong secret, token secret or URL', () => {
    const req = parse(signed(url, { oauth_token: 'f'.repeat(32) }, ['csecret', 'tsecret']));
    expect(verifySignature(req, [url], 'csecret', 'tsecret')).toBe(true);
    expect(verifySignature(req, [url], 'csecret', 'other')).toBe(false);
    expect(verifySignature(req, [url], 'other', 'tsecret')).toBe(false);
    expect(verifySignature(req, ['http://127.0.0.1:5001/v3/OS-OAUTH1/request_token'], 'csecret', 'tsecret')).toBe(false);
    expect(verifySignature(req, ['not a url', url], 'csecret', 'tsecret')).toBe(true);
  });

  it('includes query parameters in the signature', () => {
    const withQuery = `${url}?x=1%202`;
    const req = parse(signed(withQuery), 'x=1%202');
    expect(verifySignature(req, [withQuery], 'csecret', null)).toBe(true);
    expect(verifySignature(parse(signed(withQuery), 'x=3'), [withQuery], 'csecret', null)).toBe(false);
  });

  it.each([
    ['no Authorization header', undefined, 'Missing mandatory OAuth parameters.'],
    ['a non-OAuth header', 'Basic abc', 'Malformed authorization header.'],
    ['a missing nonce', header({ oauth_consumer_key: KEY, oauth_signature: 'x', oauth_signature_method: 'HMAC-SHA1', oauth_timestamp: String(NOW / 1000) }), 'Missing mandatory OAuth parameters.'],
    ['an unknown signature method', signed(url, { oauth_signature_method: 'RSA-SHA1' }), 'Invalid signature, RSA-SHA1 not in the allowed methods.'],
    ['another OAuth version', signed(url, { oauth_version: '2.0' }), 'Invalid OAuth version.'],
    ['a short timestamp', signed(url, { oauth_timestamp: '12345' }), 'Invalid timestamp size'],
    ['a non-numeric timestamp', signed(url, { oauth_timestamp: '17000000x0' }), 'Timestamp must be an integer.'],
    ['a stale timestamp', signed(url, { oauth_timestamp: String(NOW / 1000 - 601) }), 'Timestamp given is invalid, differ from allowed by over 600 seconds.'],
    ['a consumer key that is not 32 hex', signed(url, { oauth_consumer_key: 'Z'.repeat(32) }), 'Invalid client key format.'],
    ['a nonce outside hex digits', signed(url, { oauth_nonce: 'xyz' }), 'Invalid nonce format.'],
  ])('rejects %s', (_what, authorization, description) => {
    let err: unknown;
    try {
      parse(authorization);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OAuthRequestError);
    expect((err as OAuthRequestError).description).toBe(description);
  });

  it('accepts a timestamp within the 10-minute window either side', () => {
    expect(() => parse(signed(url, { oauth_timestamp: String(NOW / 1000 + 599) }))).not.toThrow();
  });

  it('rejects oauth parameters in both the header and the query', () => {
    expect(() => parse(signed(url), `oauth_nonce=1`)).toThrow('only 1 signature type');
  });

  it('rejects duplicate oauth parameters in the query', () => {
    expect(() => parse(undefined, `oauth_nonce=1&oauth_nonce=2`)).toThrow('Duplicate OAuth1 entries.');
  });

  it('checks verifiers against the Keystone alphabet', () => {
    expect(isVerifier('abcDEF23')).toBe(true);
    expect(isVerifier('abcDEF2')).toBe(false);
    expect(isVerifier('abcDEF20')).toBe(false);
    expect(isVerifier('abcDEFl3')).toBe(false);
  });
});
