import type { DriverDefinition } from '@keystone-ts/plugin-sdk';

/** SQL drivers of the resource subsystem, registered by the sql plugin. */
export const resourceDrivers: DriverDefinition[] = [];
