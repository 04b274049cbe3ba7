import type { DriverDefinition } from '@keystone-ts/plugin-sdk';

/** SQL drivers of the assignment subsystem, registered by the sql plugin. */
export const assignmentDrivers: DriverDefinition[] = [];
