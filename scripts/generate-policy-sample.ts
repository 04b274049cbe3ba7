/**
 * Regenerates config/policy.yaml.sample from Keystone's default rules, in
 * oslopolicy-sample-generator's format. The policy-sample spec fails when the
 * committed file is stale.
 *
 * Run with any TypeScript runner (`<runner> scripts/generate-policy-sample.ts`),
 * or through jest, which the repository already has:
 *   UPDATE_POLICY_SAMPLE=1 npx jest libs/core/src/policy/policy-sample
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keystonePolicyDefaults } from '../libs/core/src/policy/defaults';
import { renderPolicySample } from '../libs/core/src/policy/policy-sample';

export const POLICY_SAMPLE_PATH = join(__dirname, '..', 'config', 'policy.yaml.sample');

export function renderKeystonePolicySample(): string {
  return renderPolicySample(keystonePolicyDefaults);
}

export function writePolicySample(path: string = POLICY_SAMPLE_PATH): void {
  writeFileSync(path, renderKeystonePolicySample());
}

if (require.main === module) {
  writePolicySample();
  process.stdout.write(`wrote ${POLICY_SAMPLE_PATH}\n`);
}
