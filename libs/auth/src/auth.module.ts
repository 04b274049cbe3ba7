import { Global, Module } from '@nestjs/common';
import { AuthManager } from './auth.manager';
import { AuthTokensController } from './http/auth-tokens.controller';
import { RemoteIdentityLayer } from './http/remote-identity.layer';

/** POST /v3/auth/tokens, the auth methods (auth plugins) and the trusted REMOTE_USER sources. */
@Global()
@Module({ providers: [AuthManager, RemoteIdentityLayer], controllers: [AuthTokensController], exports: [AuthManager] })
export class AuthModule {}
