import { Global, Module } from '@nestjs/common';
import { CredentialManager } from './credential.manager';
import { Ec2Authenticator } from './ec2/ec2-authenticator';
import { CredentialsController } from './http/credentials.controller';
import { OsEc2CredentialsController } from './http/os-ec2-credentials.controller';
import { Ec2TokensController } from './http/ec2-tokens.controller';

/** Credentials (/v3/credentials), the OS-EC2 view of ec2 ones, and /v3/ec2tokens. */
@Global()
@Module({
  providers: [CredentialManager, Ec2Authenticator],
  controllers: [CredentialsController, OsEc2CredentialsController, Ec2TokensController],
  exports: [CredentialManager],
})
export class CredentialModule {}
