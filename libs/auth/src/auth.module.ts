import { Global, Module } from '@nestjs/common';

/** POST /v3/auth/tokens and the auth methods (auth plugins). */
@Global()
@Module({ providers: [], controllers: [], exports: [] })
export class AuthModule {}
