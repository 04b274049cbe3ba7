import { Global, Module } from '@nestjs/common';

/** Regions, services, endpoints, endpoint filter and endpoint policy (catalog_api). */
@Global()
@Module({ providers: [], controllers: [], exports: [] })
export class CatalogModule {}
