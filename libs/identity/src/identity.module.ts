import { Global, Module } from '@nestjs/common';
import { IdentityManager } from './identity.manager';
import { UsersController } from './http/users.controller';
import { GroupsController } from './http/groups.controller';

/** Users and groups (identity_api). */
@Global()
@Module({
  providers: [IdentityManager],
  controllers: [UsersController, GroupsController],
  exports: [IdentityManager],
})
export class IdentityModule {}
