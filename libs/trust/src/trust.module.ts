import { Global, Module } from '@nestjs/common';
import { TrustManager } from './trust.manager';
import { TrustsController } from './http/trusts.controller';
import { TrustJsonHome } from './http/trust-json-home';

/** OS-TRUST: trusts and their roles (/v3/OS-TRUST/trusts). */
@Global()
@Module({ providers: [TrustManager, TrustJsonHome], controllers: [TrustsController], exports: [TrustManager] })
export class TrustModule {}
