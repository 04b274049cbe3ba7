import { Injectable } from '@nestjs/common';
import type { IdentityApi, ResourceApi, AssignmentApi, CatalogApi, TokenApi, RevokeApi, ApplicationCredentialApi, FederationApi, TrustApi, CredentialApi, OAuth1Api } from './api-contracts';
import type { DomainConfigApi } from '../domains/domain-config-api';

type ApiMap = {
  credential: CredentialApi;
  identity: IdentityApi;
  resource: ResourceApi;
  assignment: AssignmentApi;
  catalog: CatalogApi;
  token: TokenApi;
  revoke: RevokeApi;
  domainConfig: DomainConfigApi;
  trust: TrustApi;
  applicationCredential: ApplicationCredentialApi;
  federation: FederationApi;
  oauth1: OAuth1Api;
};

/**
 * Managers find each other here (Keystone's provider_api, without the
 * magic): each manager registers itself once when built; lookups are typed
 * and lazy, so managers that call each other need no import cycle. After
 * the application has started, registering again fails.
 */
@Injectable()
export class ProviderApis {
  private readonly apis: Partial<ApiMap> = {};
  private locked = false;

  register<K extends keyof ApiMap>(name: K, api: ApiMap[K]): void {
    if (this.locked) throw new Error(`Provider registry is locked; cannot register '${name}'`);
    if (this.apis[name]) throw new Error(`Duplicate provider '${name}'`);
    this.apis[name] = api;
  }

  lock(): void {
    this.locked = true;
  }

  has(name: keyof ApiMap): boolean {
    return this.apis[name] !== undefined;
  }

  get identity(): IdentityApi {
    return this.need('identity');
  }
  get resource(): ResourceApi {
    return this.need('resource');
  }
  get assignment(): AssignmentApi {
    return this.need('assignment');
  }
  get catalog(): CatalogApi {
    return this.need('catalog');
  }
  get token(): TokenApi {
    return this.need('token');
  }
  get revoke(): RevokeApi {
    return this.need('revoke');
  }
  get domainConfig(): DomainConfigApi {
    return this.need('domainConfig');
  }
  get trust(): TrustApi {
    return this.need('trust');
  }
  get applicationCredential(): ApplicationCredentialApi {
    return this.need('applicationCredential');
  }
  get federation(): FederationApi {
    return this.need('federation');
  }

  get credential(): CredentialApi {
    return this.need('credential');
  }

  get oauth1(): OAuth1Api {
    return this.need('oauth1');
  }

  private need<K extends keyof ApiMap>(name: K): ApiMap[K] {
    const api = this.apis[name];
    if (!api) throw new Error(`Provider '${name}' is not available in this server`);
    return api;
  }
}
