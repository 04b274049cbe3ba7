import { Global, Module } from '@nestjs/common';
import { ApplicationCredentialManager } from './application-credential.manager';
import { ApplicationCredentialsController } from './http/application-credentials.controller';
import { AccessRulesController } from './http/access-rules.controller';
import { ApplicationCredentialJsonHome } from './http/application-credential-json-home';

/** Application credentials and access rules (/v3/users/{user_id}/application_credentials, /access_rules). */
@Global()
@Module({
  providers: [ApplicationCredentialManager, ApplicationCredentialJsonHome],
  controllers: [ApplicationCredentialsController, AccessRulesController],
  exports: [ApplicationCredentialManager],
})
export class ApplicationCredentialModule {}
