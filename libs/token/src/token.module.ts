import { Global, Module } from '@nestjs/common';
import { CALLER_RESOLVER } from '@keystone-ts/core';
import { TokenManager } from './token.manager';
import { RevokeManager } from './revoke/revoke.manager';
import { TokenCallerResolver } from './caller-resolver';
import { TokensController } from './http/tokens.controller';
import { AuthScopesController } from './http/auth-scopes.controller';
import { RevokeEventsController } from './http/revoke-events.controller';

/** Token providers, validation and revocation (token_provider_api, revoke_api). */
@Global()
@Module({
  providers: [TokenManager, RevokeManager, TokenCallerResolver, { provide: CALLER_RESOLVER, useExisting: TokenCallerResolver }],
  controllers: [TokensController, AuthScopesController, RevokeEventsController],
  exports: [TokenManager, RevokeManager, CALLER_RESOLVER],
})
export class TokenModule {}
