import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from '@keystone-ts/plugin-sdk';

export interface CatalogBootstrap {
  regionId: string | null;
  serviceName: string;
  adminUrl: string | null;
  publicUrl: string | null;
  internalUrl: string | null;
}

/** The identity service and its endpoints, created once per interface. (Filled in with the catalog subsystem.) */
export async function bootstrapCatalog(_app: INestApplicationContext, _o: CatalogBootstrap, _log: Logger): Promise<void> {
  return;
}
