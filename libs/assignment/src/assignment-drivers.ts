import { DATABASE, KEYSTONE_RUNTIME, type KeystoneRuntime } from '@keystone-ts/core';
import { Namespaces, type AssignmentDriver, type RoleDriver } from '@keystone-ts/plugin-sdk';

/** Nest token of the two drivers the assignment subsystem stores through. */
export const ASSIGNMENT_DRIVERS = Symbol('ASSIGNMENT_DRIVERS');

export interface AssignmentDrivers {
  assignment: AssignmentDriver;
  role: RoleDriver;
}

/**
 * Builds both drivers once the database service exists. `[role] driver`
 * unset means "what the assignment driver recommends", as Keystone's
 * RoleManager asks `default_role_driver()`.
 */
export async function createAssignmentDrivers(runtime: KeystoneRuntime): Promise<AssignmentDrivers> {
  const cfg = runtime.config;
  const assignment = await runtime.drivers.createDriver<AssignmentDriver>(Namespaces.assignment, cfg.get<string>('assignment', 'driver'), cfg);
  const roleDriverName = cfg.get<string | null>('role', 'driver') || assignment.defaultRoleDriver;
  const role = await runtime.drivers.createDriver<RoleDriver>(Namespaces.role, roleDriverName, cfg);
  return { assignment, role };
}

/** Depends on DATABASE so the drivers are built after core opened the connection. */
export const assignmentDriversProvider = {
  provide: ASSIGNMENT_DRIVERS,
  inject: [KEYSTONE_RUNTIME, DATABASE],
  useFactory: (runtime: KeystoneRuntime) => createAssignmentDrivers(runtime),
};
