import type { DriverDefinition } from '@keystone-ts/plugin-sdk';

/** SQL drivers of the token subsystem, registered by the sql plugin. */
export const tokenDrivers: DriverDefinition[] = [];
