import type { DriverDefinition } from '@keystone-ts/plugin-sdk';

/** SQL drivers of the catalog subsystem, registered by the sql plugin. */
export const catalogDrivers: DriverDefinition[] = [];
