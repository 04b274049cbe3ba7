import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JsonHomeRegistry, PARAM, type JsonHomeResource } from '@keystone-ts/core';

const template = (href: string, ...names: string[]): JsonHomeResource => ({ 'href-template': href, 'href-vars': Object.fromEntries(names.map((n) => [n, PARAM(n)])) });

/** The JSON-Home relations Keystone 22 publishes for application credentials and access rules. */
export const APPLICATION_CREDENTIAL_JSON_HOME: readonly [string, JsonHomeResource][] = [
  ['application_credentials', template('/users/{user_id}/application_credentials', 'user_id')],
  ['application_credential', template('/users/{user_id}/application_credentials/{application_credential_id}', 'user_id', 'application_credential_id')],
  ['access_rules', template('/users/{user_id}/access_rules', 'user_id')],
  ['access_rule', template('/users/{user_id}/access_rules/{access_rule_id}', 'user_id', 'access_rule_id')],
];

@Injectable()
export class ApplicationCredentialJsonHome implements OnModuleInit {
  constructor(private readonly registry: JsonHomeRegistry) {}

  onModuleInit(): void {
    for (const [rel, resource] of APPLICATION_CREDENTIAL_JSON_HOME) this.registry.add(rel, resource);
  }
}
