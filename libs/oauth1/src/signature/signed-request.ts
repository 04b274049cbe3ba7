import {
  baseStringUri,
  isSignatureMethod,
  normalizeParameters,
  oauthUnescape,
  parseAuthorizationHeader,
  sign,
  signatureBaseString,
  signaturesEqual,
  type OAuthParam,
  type SignatureMethod,
} from './rfc5849';

/**
 * An OAuth1 request a client signed: its oauth_* values and every parameter
 * that enters the signature. Parsing and the checks mirror oauthlib's
 * endpoints with Keystone's validator (ids are 32 hex chars, nonces hex
 * digits, timestamps within 10 minutes).
 */
export interface SignedRequest {
  httpMethod: string;
  /** oauth_* parameters, decoded. */
  oauth: Readonly<Record<string, string>>;
  /** Parameters of the signature base string (oauth_signature and the header's realm left out). */
  params: readonly OAuthParam[];
  signature: string;
  signatureMethod: SignatureMethod;
  consumerKey: string;
  /** oauth_token: a request token (access token step) or an access token (auth). */
  token: string | null;
  verifier: string | null;
  callback: string | null;
}

/** A request oauthlib rejects as malformed (its `invalid_request`): Keystone answers 400. */
export class OAuthRequestError extends Error {
  constructor(
    readonly error: 'invalid_request' | 'invalid_signature_method',
    readonly description: string,
  ) {
    super(description);
  }
}

/** Keystone's OAuthValidator: consumer keys and tokens are uuid4().hex. */
export const isOAuthId = (v: string): boolean => /^[0-9a-f]{32}$/.test(v);
const isNonce = (v: string): boolean => /^[0-9a-f]*$/.test(v);
/** Keystone's verifier alphabet: letters and digits without the look-alikes "jiIl1oO0". */
export const VERIFIER_CHARS = 'abcdefghkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const isVerifier = (v: string): boolean => v.length === 8 && [...v].every((c) => VERIFIER_CHARS.includes(c));

const TIMESTAMP_LIFETIME_S = 600;

/**
 * Reads the OAuth parameters of a request (the Authorization header or the
 * query string, never both) and applies oauthlib's mandatory checks.
 * @throws OAuthRequestError
 */
export function parseSignedRequest(input: { httpMethod: string; authorization: string | undefined; query: string; nowMs?: number }): SignedRequest {
  const header = input.authorization ? parseAuthorizationHeader(input.authorization) : [];
  if (header === null) throw new OAuthRequestError('invalid_request', 'Malformed authorization header.');
  const query = queryParams(input.query);
  const headerParams: OAuthParam[] = header.map(([k, v]) => [k, k.startsWith('oauth_') ? oauthUnescape(v) : v]);
  const headerOAuth = headerParams.filter(([k]) => k.startsWith('oauth_'));
  const queryOAuth = query.filter(([k]) => k.startsWith('oauth_'));
  if (headerOAuth.length > 0 && queryOAuth.length > 0) {
    throw new OAuthRequestError('invalid_request', 'oauth_ params must come from only 1 signature type but were found in AUTH_HEADER, QUERY');
  }
  const oauthList = headerOAuth.length > 0 ? headerOAuth : queryOAuth;
  if (oauthList.length === 0) throw new OAuthRequestError('invalid_request', 'Missing mandatory OAuth parameters.');
  if (new Set(oauthList.map(([k]) => k)).size !== oauthList.length) throw new OAuthRequestError('invalid_request', 'Duplicate OAuth1 entries.');
  const oauth = Object.fromEntries(oauthList) as Record<string, string>;
  const all = [...headerParams.filter(([k]) => k !== 'realm'), ...query];
  const params = all.filter(([k]) => k !== 'oauth_signature');

  const signature = oauth.oauth_signature;
  const consumerKey = oauth.oauth_consumer_key;
  const nonce = oauth.oauth_nonce;
  const timestamp = oauth.oauth_timestamp;
  const method = oauth.oauth_signature_method;
  if (!signature || !consumerKey || !nonce || !timestamp || !method) throw new OAuthRequestError('invalid_request', 'Missing mandatory OAuth parameters.');
  if (!isSignatureMethod(method)) throw new OAuthRequestError('invalid_signature_method', `Invalid signature, ${method} not in the allowed methods.`);
  if ('oauth_version' in oauth && oauth.oauth_version !== '1.0') throw new OAuthRequestError('invalid_request', 'Invalid OAuth version.');
  if (timestamp.length !== 10) throw new OAuthRequestError('invalid_request', 'Invalid timestamp size');
  if (!/^[+-]?\d+$/.test(timestamp.trim())) throw new OAuthRequestError('invalid_request', 'Timestamp must be an integer.');
  const now = (input.nowMs ?? Date.now()) / 1000;
  if (Math.abs(now - Number.parseInt(timestamp, 10)) > TIMESTAMP_LIFETIME_S) {
    throw new OAuthRequestError('invalid_request', `Timestamp given is invalid, differ from allowed by over ${TIMESTAMP_LIFETIME_S} seconds.`);
  }
  if (!isOAuthId(consumerKey)) throw new OAuthRequestError('invalid_request', 'Invalid client key format.');
  if (!isNonce(nonce)) throw new OAuthRequestError('invalid_request', 'Invalid nonce format.');
  return {
    httpMethod: input.httpMethod,
    oauth,
    params,
    signature,
    signatureMethod: method,
    consumerKey,
    token: oauth.oauth_token || null,
    verifier: oauth.oauth_verifier || null,
    callback: oauth.oauth_callback || null,
  };
}

/**
 * Whether the signature matches for one of the URLs the request may have been
 * signed with (the server can be reached under more than one).
 */
export function verifySignature(req: SignedRequest, urls: readonly string[], clientSecret: string, tokenSecret: string | null): boolean {
  const normalized = normalizeParameters(req.params);
  let ok = false;
  for (const url of new Set(urls.map(safeBaseUri).filter((u): u is string => u !== null))) {
    const expected = sign(req.signatureMethod, signatureBaseString(req.httpMethod, url, normalized), clientSecret, tokenSecret);
    // No early exit: every candidate costs the same.
    if (signaturesEqual(expected, req.signature)) ok = true;
  }
  return ok;
}

function safeBaseUri(url: string): string | null {
  try {
    return baseStringUri(url);
  } catch {
    return null;
  }
}

/** application/x-www-form-urlencoded pairs of a query string, blanks kept (parse_qsl keep_blank_values). */
function queryParams(query: string): OAuthParam[] {
  const q = query.startsWith('?') ? query.slice(1) : query;
  if (!q) return [];
  return [...new URLSearchParams(q).entries()];
}
