/**
 * Every Keystone 22 default rule, in the order keystone.common.policies.list_rules()
 * yields them: the sample file and oslo tools list rules in this order.
 */
import type { RuleDefault } from '../policy.types';
import { basePolicies } from './base.policies';
import { accessRulePolicies } from './access-rule.policies';
import { accessTokenPolicies } from './access-token.policies';
import { applicationCredentialPolicies } from './application-credential.policies';
import { authPolicies } from './auth.policies';
import { consumerPolicies } from './consumer.policies';
import { credentialPolicies } from './credential.policies';
import { domainPolicies } from './domain.policies';
import { domainConfigPolicies } from './domain-config.policies';
import { ec2CredentialPolicies } from './ec2-credential.policies';
import { endpointPolicies } from './endpoint.policies';
import { endpointGroupPolicies } from './endpoint-group.policies';
import { grantPolicies } from './grant.policies';
import { groupPolicies } from './group.policies';
import { identityProviderPolicies } from './identity-provider.policies';
import { impliedRolePolicies } from './implied-role.policies';
import { limitPolicies } from './limit.policies';
import { mappingPolicies } from './mapping.policies';
import { policyPolicies } from './policy.policies';
import { policyAssociationPolicies } from './policy-association.policies';
import { projectPolicies } from './project.policies';
import { projectEndpointPolicies } from './project-endpoint.policies';
import { protocolPolicies } from './protocol.policies';
import { regionPolicies } from './region.policies';
import { registeredLimitPolicies } from './registered-limit.policies';
import { revokeEventPolicies } from './revoke-event.policies';
import { rolePolicies } from './role.policies';
import { roleAssignmentPolicies } from './role-assignment.policies';
import { s3TokensPolicies } from './s3-tokens.policies';
import { ec2TokensPolicies } from './ec2-tokens.policies';
import { servicePolicies } from './service.policies';
import { serviceProviderPolicies } from './service-provider.policies';
import { tokenRevocationPolicies } from './token-revocation.policies';
import { tokenPolicies } from './token.policies';
import { trustPolicies } from './trust.policies';
import { userPolicies } from './user.policies';

export { basePolicies };
export { accessRulePolicies };
export { accessTokenPolicies };
export { applicationCredentialPolicies };
export { authPolicies };
export { consumerPolicies };
export { credentialPolicies };
export { domainPolicies };
export { domainConfigPolicies };
export { ec2CredentialPolicies };
export { endpointPolicies };
export { endpointGroupPolicies };
export { grantPolicies };
export { groupPolicies };
export { identityProviderPolicies };
export { impliedRolePolicies };
export { limitPolicies };
export { mappingPolicies };
export { policyPolicies };
export { policyAssociationPolicies };
export { projectPolicies };
export { projectEndpointPolicies };
export { protocolPolicies };
export { regionPolicies };
export { registeredLimitPolicies };
export { revokeEventPolicies };
export { rolePolicies };
export { roleAssignmentPolicies };
export { s3TokensPolicies };
export { ec2TokensPolicies };
export { servicePolicies };
export { serviceProviderPolicies };
export { tokenRevocationPolicies };
export { tokenPolicies };
export { trustPolicies };
export { userPolicies };

export const keystonePolicyDefaults: readonly RuleDefault[] = [
  ...basePolicies,
  ...accessRulePolicies,
  ...accessTokenPolicies,
  ...applicationCredentialPolicies,
  ...authPolicies,
  ...consumerPolicies,
  ...credentialPolicies,
  ...domainPolicies,
  ...domainConfigPolicies,
  ...ec2CredentialPolicies,
  ...endpointPolicies,
  ...endpointGroupPolicies,
  ...grantPolicies,
  ...groupPolicies,
  ...identityProviderPolicies,
  ...impliedRolePolicies,
  ...limitPolicies,
  ...mappingPolicies,
  ...policyPolicies,
  ...policyAssociationPolicies,
  ...projectPolicies,
  ...projectEndpointPolicies,
  ...protocolPolicies,
  ...regionPolicies,
  ...registeredLimitPolicies,
  ...revokeEventPolicies,
  ...rolePolicies,
  ...roleAssignmentPolicies,
  ...s3TokensPolicies,
  ...ec2TokensPolicies,
  ...servicePolicies,
  ...serviceProviderPolicies,
  ...tokenRevocationPolicies,
  ...tokenPolicies,
  ...trustPolicies,
  ...userPolicies,
];
