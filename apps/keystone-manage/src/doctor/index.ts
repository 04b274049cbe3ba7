import type { KeystoneConfig } from '@keystone-ts/core';
import { cachingSymptoms } from './caching.symptoms';
import { keySymptoms } from './keys.symptoms';
import { settingsSymptoms } from './settings.symptoms';
import type { Symptom } from './symptom';

export const SYMPTOMS: readonly Symptom[] = [...cachingSymptoms, ...keySymptoms, ...settingsSymptoms];

/** The symptoms present in this configuration, in check order. `onCheck` sees each name first (debug progress). */
export async function diagnose(config: KeystoneConfig, onCheck?: (s: Symptom) => void, symptoms: readonly Symptom[] = SYMPTOMS): Promise<Symptom[]> {
  const found: Symptom[] = [];
  for (const s of symptoms) {
    onCheck?.(s);
    if (await s.present(config)) found.push(s);
  }
  return found;
}
