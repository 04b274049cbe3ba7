import type { ProviderApis, RoleRef } from '@keystone-ts/core';
import { Unauthorized } from '@keystone-ts/plugin-sdk';

/** What a token body shows under "OS-OAUTH1". */
export interface TokenOAuth1 {
  accessTokenId: string;
  consumerId: string;
}

/**
 * The access token behind an OAuth1 token and the roles the token carries:
 * the delegated roles (and the roles they imply) the user still has on the
 * project (Keystone's _get_oauth_roles). A deleted access token or consumer
 * makes the token invalid (NotFound from the lookup).
 */
export async function oauthScope(
  apis: ProviderApis,
  accessTokenId: string,
  userId: string,
  projectId: string,
  userProjectRoles: RoleRef[],
): Promise<{ oauth1: TokenOAuth1; roles: RoleRef[] }> {
  const accessToken = await apis.oauth1.getAccessToken(accessTokenId);
  if (accessToken.authorizing_user_id !== userId || accessToken.project_id !== projectId) throw new Unauthorized('Access token does not match the token.');
  const delegated = new Set(await apis.assignment.expandImpliedRoleIds(accessToken.role_ids));
  return { oauth1: { accessTokenId, consumerId: accessToken.consumer_id }, roles: userProjectRoles.filter((r) => delegated.has(r.id)) };
}
