import { Global, Module } from '@nestjs/common';

/** Token providers, validation, revocation (token_provider_api, revoke_api). */
@Global()
@Module({ providers: [], controllers: [], exports: [] })
export class TokenModule {}
