import type { ManageCommand } from '../command';
import { diagnose } from '../doctor';

/** Keystone's doctor: prints each symptom found with what to do; exit 1 when any was found. */
export const doctorCommand: ManageCommand = {
  name: 'doctor',
  help: 'Diagnose common problems with keystone deployments.',
  flags: {},
  async run({ runtime, out }) {
    const debug = runtime.config.get<boolean>('DEFAULT', 'debug');
    const found = await diagnose(runtime.config, debug ? (s) => out(`Checking for ${s.name.replace(/_/g, ' ')}...`) : undefined);
    for (const s of found) out(`\nWARNING: ${s.title}\n\n    ${s.advice}`);
    return found.length > 0 ? 1 : 0;
  },
};
