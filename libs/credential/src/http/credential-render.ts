import type { CredentialRef } from '@keystone-ts/core';
import { pythonJsonDumps } from '../python-json';

/** A credential as /v3/credentials shows it: the blob always as text (old ec2 rows held an object). */
export function renderCredential(ref: CredentialRef, base: string): Record<string, unknown> {
  const blob = typeof ref.blob === 'string' ? ref.blob : pythonJsonDumps(ref.blob);
  return { ...ref, blob, links: { self: `${base}/v3/credentials/${ref.id}` } };
}

/** The blob of an ec2 credential as an object (stored as JSON text, or as an object by old Keystone releases). */
export function ec2BlobOf(ref: CredentialRef): Record<string, unknown> {
  let blob = ref.blob;
  if (typeof blob === 'string') {
    try {
      blob = JSON.parse(blob) as unknown;
    } catch {
      return {};
    }
  }
  return blob && typeof blob === 'object' && !Array.isArray(blob) ? (blob as Record<string, unknown>) : {};
}
