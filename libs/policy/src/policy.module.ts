import { Global, Module } from '@nestjs/common';
import { PolicyManager } from './policy.manager';
import { PoliciesController } from './http/policies.controller';

/** The policy entity (/v3/policies): blobs stored for other services. */
@Global()
@Module({ providers: [PolicyManager], controllers: [PoliciesController], exports: [PolicyManager] })
export class PolicyModule {}
