import { Global, Module } from '@nestjs/common';

/** Domains, projects, project tags (resource_api). */
@Global()
@Module({ providers: [], controllers: [], exports: [] })
export class ResourceModule {}
