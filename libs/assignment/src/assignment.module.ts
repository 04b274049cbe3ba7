import { Global, Module } from '@nestjs/common';

/** Roles, implied roles, grants, system grants, role assignments (assignment_api, role_api). */
@Global()
@Module({ providers: [], controllers: [], exports: [] })
export class AssignmentModule {}
