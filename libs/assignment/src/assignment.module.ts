import { Global, Module } from '@nestjs/common';
import { JsonHomeRegistry } from '@keystone-ts/core';
import { assignmentDriversProvider } from './assignment-drivers';
import { AssignmentManager } from './assignment.manager';
import { RoleManager } from './role.manager';
import { registerAssignmentJsonHome } from './assignment-json-home';
import { GrantHandlers } from './http/grant-handlers';
import { GrantTargets } from './http/grant-targets';
import { RolesController } from './http/roles.controller';
import { ImpliedRolesController } from './http/implied-roles.controller';
import { ProjectGrantsController } from './http/project-grants.controller';
import { DomainGrantsController } from './http/domain-grants.controller';
import { OsInheritController } from './http/os-inherit.controller';
import { SystemGrantsController } from './http/system-grants.controller';
import { RoleAssignmentsController } from './http/role-assignments.controller';
import { UserProjectsController } from './http/user-projects.controller';

/** Roles, implied roles, grants, system grants, role assignments (assignment_api, role_api). */
@Global()
@Module({
  providers: [assignmentDriversProvider, RoleManager, AssignmentManager, GrantTargets, GrantHandlers],
  controllers: [
    RolesController,
    ImpliedRolesController,
    ProjectGrantsController,
    DomainGrantsController,
    OsInheritController,
    SystemGrantsController,
    RoleAssignmentsController,
    UserProjectsController,
  ],
  exports: [AssignmentManager, RoleManager],
})
export class AssignmentModule {
  constructor(jsonHome: JsonHomeRegistry) {
    registerAssignmentJsonHome(jsonHome);
  }
}
