import type { INestApplicationContext } from '@nestjs/common';
import { KeystoneConfig, ProviderApis, getLogger } from '@keystone-ts/core';
import { IdentityManager } from '@keystone-ts/identity';
import { ResourceManager } from '@keystone-ts/resource';
import { AssignmentManager, RoleManager } from '@keystone-ts/assignment';
import { NotFound, isKeystoneError } from '@keystone-ts/plugin-sdk';
import { bootstrapCatalog } from './bootstrap-catalog';

export interface BootstrapOptions {
  password: string;
  username?: string;
  projectName?: string;
  roleName?: string;
  serviceName?: string;
  regionId?: string | null;
  adminUrl?: string | null;
  publicUrl?: string | null;
  internalUrl?: string | null;
  immutableRoles?: boolean;
}

/**
 * `keystone-manage bootstrap`: the default domain, the admin project, user
 * and role hierarchy (admin ⊃ manager ⊃ member ⊃ reader, plus service), the
 * admin's project and system grants, and the identity endpoints. Every step
 * looks before it writes, so running it twice changes nothing.
 */
export async function runBootstrap(app: INestApplicationContext, o: BootstrapOptions): Promise<void> {
  const log = getLogger('keystone.bootstrap');
  const config = app.get(KeystoneConfig);
  const resource = app.get(ResourceManager);
  const identity = app.get(IdentityManager);
  const roles = app.get(RoleManager);
  const assignment = app.get(AssignmentManager);
  const apis = app.get(ProviderApis);
  const domainId = config.get<string>('identity', 'default_domain_id');
  const immutable = o.immutableRoles ?? true;

  await ensure(() => resource.getDomain(domainId), () => resource.createDomain(domainId, { name: 'Default', description: 'The default domain', enabled: true }), `domain ${domainId}`, log);
  const project = await ensure(
    () => resource.getProjectByName(o.projectName ?? 'admin', domainId),
    () => resource.createProject(randomId(), { name: o.projectName ?? 'admin', domain_id: domainId, description: 'Bootstrap project for initializing the cloud.', enabled: true }),
    `project ${o.projectName ?? 'admin'}`,
    log,
  );

  const role = async (name: string) =>
    ensure(() => roles.getRoleByName(name, null), () => roles.createRole({ name, domain_id: null, ...(immutable ? { options: { immutable: true } } : {}) }), `role ${name}`, log);
  // Keystone 22's chain admin ⊃ member ⊃ reader, plus the 'manager' (⊃ member) and 'service'
  // roles of later releases. admin does not imply manager: a token then carries exactly the
  // roles Keystone 22 puts in it, and Keystone 22's own bootstrap over this database adds nothing.
  const reader = await role('reader');
  const member = await role('member');
  const manager = await role('manager');
  const admin = await role(o.roleName ?? 'admin');
  await role('service');
  for (const [prior, implied] of [[admin, member], [manager, member], [member, reader]] as const) {
    await roles.createImpliedRole(prior.id, implied.id).catch((e) => ignoreConflict(e));
  }

  const username = o.username ?? 'admin';
  let user = await identity.getUserByName(username, domainId).catch((e) => notFoundToNull(e));
  if (!user) {
    user = await identity.createUser({ name: username, domain_id: domainId, password: o.password, enabled: true });
    log.info(`Created user ${username}`);
  } else {
    // Keystone resets a forgotten password and re-enables the user rather than failing.
    const ok = await identity.authenticate(user.id, o.password).then(() => true, () => false);
    if (!ok || !user.enabled) await identity.updateUser(user.id, { password: o.password, enabled: true });
  }

  await assignment.createGrant(admin.id, { userId: user.id, projectId: project.id }).catch((e) => ignoreConflict(e));
  await assignment.system.create('UserSystem' as never, user.id, admin.id).catch((e) => ignoreConflict(e));

  if (apis.has('catalog') && o.regionId !== undefined) {
    await bootstrapCatalog(app, { regionId: o.regionId ?? null, serviceName: o.serviceName ?? 'keystone', adminUrl: o.adminUrl ?? null, publicUrl: o.publicUrl ?? null, internalUrl: o.internalUrl ?? null }, log);
  }
}

async function ensure<T>(get: () => Promise<T>, create: () => Promise<T>, what: string, log: { info(m: string): void }): Promise<T> {
  try {
    return await get();
  } catch (e) {
    if (!(e instanceof NotFound) && !(isKeystoneError(e) && e.code === 404)) throw e;
    const made = await create();
    log.info(`Created ${what}`);
    return made;
  }
}

function ignoreConflict(e: unknown): void {
  if (isKeystoneError(e) && e.code === 409) return;
  throw e;
}

function notFoundToNull(e: unknown): null {
  if (isKeystoneError(e) && e.code === 404) return null;
  throw e;
}

function randomId(): string {
  return crypto.randomUUID().replace(/-/g, '');
}
