/**
 * Strict urlsafe base64 for Fernet tokens.
 *
 * Keystone strips the '=' padding from the tokens it issues and re-inflates
 * it before decoding. Python's decoder is lenient (it skips foreign
 * characters and ignores the unused low bits of the last character); we are
 * deliberately stricter: only the canonical unpadded form and the canonical
 * padded form are accepted, so that any altered character, extra padding or
 * junk makes the token unrecognisable instead of silently decoding to the
 * same bytes.
 */
const URLSAFE_BODY = /^[A-Za-z0-9_-]*$/;

/** Keystone's `restore_padding`: pad to a multiple of 4 with '='. */
export function restorePadding(token: string): string {
  const mod = token.length % 4;
  return mod === 0 ? token : token + '='.repeat(4 - mod);
}

/** Keystone's token form: urlsafe base64 with the padding stripped. */
export function encodeUnpadded(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** Standard urlsafe base64 with padding (what cryptography's Fernet emits). */
export function encodePadded(bytes: Uint8Array): string {
  return restorePadding(encodeUnpadded(bytes));
}

/**
 * Decodes a token in canonical form, padded or not; returns null for
 * anything else (never throws, so callers map every failure to one error).
 */
export function decodeCanonical(text: string): Buffer | null {
  let body = text;
  if (body.endsWith('=')) {
    // Padding is only legitimate when it completes the last quantum exactly.
    if (body.length % 4 !== 0) return null;
    body = body.replace(/={1,2}$/, '');
    if (body.endsWith('=')) return null;
    if (body.length % 4 === 0) return null; // '=' where no padding was due
  }
  if (body.length % 4 === 1 || !URLSAFE_BODY.test(body)) return null;
  const bytes = Buffer.from(body, 'base64url');
  // Re-encoding catches non-zero bits in the last character, which the
  // decoder would otherwise drop without complaint.
  if (bytes.toString('base64url') !== body) return null;
  return bytes;
}
