import { createHash } from 'node:crypto';
import type { IdGenerator } from '@keystone-ts/plugin-sdk';

/**
 * Keystone's `sha256` public-ID generator: SHA-256 over the mapping's values
 * concatenated in key order (domain_id, entity_type, local_id), hex encoded.
 * Must stay byte-identical so IDs match those Keystone computed.
 */
export class Sha256IdGenerator implements IdGenerator {
  generatePublicId(mapping: { domain_id: string; local_id: string; entity_type: 'user' | 'group' }): string {
    const h = createHash('sha256');
    for (const key of Object.keys(mapping).sort()) {
      h.update(String((mapping as Record<string, string>)[key]), 'utf8');
    }
    return h.digest('hex');
  }
}
