import { Global, Module } from '@nestjs/common';
import { OAuth1Manager } from './oauth1.manager';
import { ConsumersController } from './http/consumers.controller';
import { OAuth1DanceController } from './http/oauth1-dance.controller';
import { UserAccessTokensController } from './http/user-access-tokens.controller';

/** OS-OAUTH1: consumers, the request/authorize/access token dance and users' access tokens. */
@Global()
@Module({
  providers: [OAuth1Manager],
  controllers: [ConsumersController, OAuth1DanceController, UserAccessTokensController],
  exports: [OAuth1Manager],
})
export class OAuth1Module {}
