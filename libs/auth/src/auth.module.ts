import { Global, Module } from '@nestjs/common';
import { AuthManager } from './auth.manager';
import { AuthTokensController } from './http/auth-tokens.controller';

/** POST /v3/auth/tokens and the auth methods (auth plugins). */
@Global()
@Module({ providers: [AuthManager], controllers: [AuthTokensController], exports: [AuthManager] })
export class AuthModule {}
