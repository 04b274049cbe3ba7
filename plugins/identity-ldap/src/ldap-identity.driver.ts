import {
  DriverHints,
  Forbidden,
  NotFound,
  Unauthorized,
  type GroupRecord,
  type IdentityDriver,
  type Logger,
  type NewGroup,
  type NewUser,
  type UserRecord,
} from '@keystone-ts/plugin-sdk';
import { enabledFromAttribute, firstValue, hasName, mapAttributes, requestedAttributes, type LdapEntry } from './entity-mapper';
import type { LdapDirectory } from './ldap-directory';
import { namingAva, normalizeDn } from './ldap-dn';
import { and, equals, hintTerms, inChain, or, present } from './ldap-filter';
import type { EntitySchema, LdapSettings } from './ldap-settings';

export const READ_ONLY_MESSAGE = 'LDAP does not support write operations';

/** IDs per OR-filter when fetching a group's members in bulk. */
const BATCH = 50;

/** A user as found, with its DN (needed to bind and for memberships). */
interface FoundUser {
  dn: string;
  record: UserRecord;
}

/**
 * Keystone's read-only LDAP identity driver (`[identity] driver = ldap`).
 * Users and groups are entries under their tree DNs; passwords are checked
 * by binding as the user; writes are refused. Not domain-aware: the manager
 * puts the domain on every entity, and maps public IDs for a domain driver.
 */
export class LdapIdentityDriver implements IdentityDriver {
  readonly isDomainAware = false;
  readonly isSql = false;
  readonly generatesUuids = false;
  readonly writable = false;
  readonly readOnlyMessage = READ_ONLY_MESSAGE;

  constructor(
    private readonly s: LdapSettings,
    private readonly directory: LdapDirectory,
    private readonly domainId: string,
    private readonly logger: Logger,
  ) {}

  // ---- authentication -------------------------------------------------

  async authenticate(userId: string, password: string): Promise<UserRecord> {
    let user: FoundUser | null;
    try {
      user = await this.findUser(userId);
    } catch (e) {
      if (e instanceof NotFound) throw new Unauthorized();
      throw e;
    }
    // An empty password would make an unauthenticated (anonymous) bind succeed.
    if (!user || !userId || !password) throw new Unauthorized();
    await this.directory.checkPassword(user.dn, password);
    return user.record;
  }

  // ---- users ----------------------------------------------------------

  async getUser(userId: string): Promise<UserRecord> {
    const found = await this.findUser(userId);
    if (!found) throw NotFound.entity('user', userId);
    return found.record;
  }

  async getUserByName(userName: string, _domainId: string): Promise<UserRecord> {
    const users = await this.searchUsers(equals(this.s.users.mapping.name!, userName));
    if (!users.length) throw NotFound.entity('user', userName);
    return users[0].record;
  }

  async listUsers(hints: DriverHints): Promise<UserRecord[]> {
    const terms = hintTerms(hints, this.s.users.mapping, this.s.users.ignored);
    return (await this.searchUsers(and(...terms), sizeLimitFor(hints))).map((u) => u.record);
  }

  async listUsersInGroup(groupId: string, _hints: DriverHints): Promise<UserRecord[]> {
    const ids = await this.memberIds(groupId);
    const users: UserRecord[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      const found = await this.searchUsers(or(chunk.map((id) => equals(this.s.users.idAttribute, id))));
      // The directory's order, one per member; unknown members are skipped as Keystone does.
      const byId = new Map(found.map((u) => [u.record.id.toLowerCase(), u.record]));
      for (const id of chunk) {
        const user = byId.get(id.toLowerCase());
        if (user) users.push(user);
        else this.logger.debug(`Group member ${id} of group ${groupId} not found in the directory; ignored`);
      }
    }
    return dedupe(users);
  }

  // ---- groups ---------------------------------------------------------

  async getGroup(groupId: string): Promise<GroupRecord> {
    const found = await this.findGroup(groupId);
    if (!found) throw NotFound.entity('group', groupId);
    return this.groupRecord(found);
  }

  async getGroupByName(groupName: string, _domainId: string): Promise<GroupRecord> {
    const entries = await this.searchGroups(equals(this.s.groups.mapping.name!, groupName));
    if (!entries.length) throw NotFound.entity('group', groupName);
    return this.groupRecord(entries[0]);
  }

  async listGroups(hints: DriverHints): Promise<GroupRecord[]> {
    const terms = hintTerms(hints, this.s.groups.mapping, this.s.groups.ignored);
    return (await this.searchGroups(and(...terms), sizeLimitFor(hints))).map((e) => this.groupRecord(e));
  }

  async listGroupsForUser(userId: string, hints: DriverHints): Promise<GroupRecord[]> {
    const user = await this.findUser(userId);
    if (!user) throw NotFound.entity('user', userId);
    const member = this.s.groupMembersAreIds ? user.record.id : user.dn;
    const membership = this.s.groupAdNesting ? inChain('member', member) : equals(this.s.groupMemberAttribute, member);
    const terms = hintTerms(hints, this.s.groups.mapping, this.s.groups.ignored);
    return (await this.searchGroups(and(membership, ...terms))).map((e) => this.groupRecord(e));
  }

  async checkUserInGroup(userId: string, groupId: string): Promise<void> {
    await this.getUser(userId);
    const ids = await this.memberIds(groupId);
    if (!ids.some((id) => id.toLowerCase() === userId.toLowerCase())) {
      throw new NotFound(`User '${userId}' not found in group '${groupId}'.`);
    }
  }

  // ---- writes: refused, as Keystone's LDAP driver does -----------------

  async createUser(_userId: string, _user: NewUser): Promise<UserRecord> {
    throw new Forbidden(READ_ONLY_MESSAGE);
  }
  async updateUser(_userId: string, _patch: Partial<NewUser>): Promise<UserRecord> {
    throw new Forbidden(READ_ONLY_MESSAGE);
  }
  async deleteUser(_userId: string): Promise<void> {
    throw new Forbidden(READ_ONLY_MESSAGE);
  }
  async changePassword(_userId: string, _newPassword: string): Promise<void> {
    throw new Forbidden(READ_ONLY_MESSAGE);
  }
  async addUserToGroup(_userId: string, _groupId: string): Promise<void> {
    throw new Forbidden(READ_ONLY_MESSAGE);
  }
  async removeUserFromGroup(_userId: string, _groupId: string): Promise<void> {
    throw new Forbidden(READ_ONLY_MESSAGE);
  }
  async createGroup(_groupId: string, _group: NewGroup): Promise<GroupRecord> {
    throw new Forbidden(READ_ONLY_MESSAGE);
  }
  async updateGroup(_groupId: string, _patch: Partial<GroupRecord>): Promise<GroupRecord> {
    throw new Forbidden(READ_ONLY_MESSAGE);
  }
  async deleteGroup(_groupId: string): Promise<void> {
    throw new Forbidden(READ_ONLY_MESSAGE);
  }

  async destroy(): Promise<void> {
    await this.directory.close();
  }

  // ---- searching ------------------------------------------------------

  /** Keystone's `_ldap_get`: the first entry with that ID (and a name) in the user tree. */
  private async findUser(userId: string): Promise<FoundUser | null> {
    const users = await this.searchUsers(equals(this.s.users.idAttribute, userId), 0, true);
    return users[0] ?? null;
  }

  private async findGroup(groupId: string): Promise<LdapEntry | null> {
    const schema = this.s.groups;
    const entries = await this.directory.find({
      base: schema.treeDn,
      scope: this.s.scope,
      filter: and(equals(schema.idAttribute, groupId), schema.filter, `(objectClass=${schema.objectClass})`),
      attributes: requestedAttributes(schema),
    });
    // Like Keystone, only the first match counts, and only if it has a name.
    return entries.slice(0, 1).find((e) => hasName(e, schema)) ?? null;
  }

  /**
   * Users matching `extra` (plus the operator's filter and object class),
   * with `enabled` worked out. `firstOnly`: Keystone's get, which looks at
   * the first match only.
   */
  private async searchUsers(extra: string, sizeLimit = 0, firstOnly = false): Promise<FoundUser[]> {
    const schema = this.s.users;
    const emulation = this.emulation();
    const filter = firstOnly
      ? and(extra, schema.filter, `(objectClass=${schema.objectClass})`)
      : and(extra, schema.filter, `(objectClass=${schema.objectClass})`, present(schema.idAttribute));
    let entries = await this.directory.find({ base: schema.treeDn, scope: this.s.scope, filter, attributes: requestedAttributes(schema), sizeLimit });
    if (firstOnly) entries = entries.slice(0, 1);
    entries = entries.filter((e) => hasName(e, schema));
    if (emulation) entries = entries.filter((e) => normalizeDn(e.dn) !== normalizeDn(emulation.dn));
    const enabledMembers = emulation && entries.length ? await this.enabledMembers(firstOnly ? entries[0] : null) : null;
    return entries.map((entry) => {
      const attrs = mapAttributes(entry, schema, (dn) => this.idFromDn(dn, schema));
      let enabled = enabledFromAttribute(attrs.enabled, schema, this.s.enabled);
      if (enabled === undefined) {
        enabled = enabledMembers!.has(emulation!.membersAreIds ? attrs.id.toLowerCase() : normalizeDn(entry.dn));
      }
      const { enabled: _raw, ...rest } = attrs;
      const record: UserRecord = { ...rest, name: attrs.name, domain_id: this.domainId, enabled, options: {}, password_expires_at: null };
      return { dn: entry.dn, record };
    });
  }

  private async searchGroups(extra: string, sizeLimit = 0): Promise<LdapEntry[]> {
    const schema = this.s.groups;
    const entries = await this.directory.find({
      base: schema.treeDn,
      scope: this.s.scope,
      filter: and(extra, schema.filter, `(objectClass=${schema.objectClass})`, present(schema.idAttribute)),
      attributes: requestedAttributes(schema),
      sizeLimit,
    });
    return entries.filter((e) => hasName(e, schema));
  }

  private groupRecord(entry: LdapEntry): GroupRecord {
    const attrs = mapAttributes(entry, this.s.groups, (dn) => this.idFromDn(dn, this.s.groups));
    return { ...attrs, name: attrs.name, domain_id: this.domainId };
  }

  /** Enabled emulation applies unless `enabled` is ignored or a mask is used. */
  private emulation() {
    const e = this.s.enabled.emulation;
    return e && this.s.enabled.mask === 0 && !this.s.users.ignored.includes('enabled') ? e : null;
  }

  /**
   * Members of the enabled-users group, normalised (DNs, or lower-cased IDs).
   * For a single user the server is asked whether that user is a member
   * (as Keystone does), so a huge group is not read for one lookup.
   */
  private async enabledMembers(only: LdapEntry | null): Promise<Set<string>> {
    const e = this.emulation()!;
    const schema = this.s.users;
    let memberValue: string | null = null;
    if (only) {
      memberValue = e.membersAreIds ? (firstValue(only, schema.idAttribute) ?? '') : only.dn;
    }
    const entries = await this.directory.find({
      base: e.dn,
      scope: 'base',
      filter: memberValue === null ? `(objectClass=${e.objectClass})` : and(`(objectClass=${e.objectClass})`, equals(e.memberAttribute, memberValue)),
      attributes: [e.memberAttribute],
    });
    const members = entries[0]?.attributes.get(e.memberAttribute.toLowerCase()) ?? [];
    if (memberValue !== null) {
      // The server matched; report the member in the form the caller compares.
      return new Set(entries.length ? [e.membersAreIds ? memberValue.toLowerCase() : normalizeDn(memberValue)] : []);
    }
    return new Set(members.map((m) => (e.membersAreIds ? m.toLowerCase() : normalizeDn(m))));
  }

  /**
   * Keystone's `list_group_users` then `_dn_to_id`: the group's member values
   * as user IDs. A DN whose naming attribute is the ID attribute gives the ID
   * directly; any other DN is looked up.
   */
  private async memberIds(groupId: string): Promise<string[]> {
    const group = await this.findGroup(groupId);
    if (!group) throw NotFound.entity('group', groupId);
    const memberAttr = this.s.groupMemberAttribute;
    let values: string[];
    if (this.s.groupAdNesting) {
      const nested = await this.directory.find({
        base: this.s.groups.treeDn,
        scope: this.s.scope,
        filter: and(`(objectClass=${this.s.groups.objectClass})`, inChain('member', group.dn)),
        attributes: [memberAttr],
      });
      values = nested.flatMap((e) => [...(e.attributes.get(memberAttr.toLowerCase()) ?? [])]);
    } else {
      const self = await this.directory.find({ base: group.dn, scope: 'base', filter: `(objectClass=${this.s.groups.objectClass})`, attributes: [memberAttr] });
      values = [...(self[0]?.attributes.get(memberAttr.toLowerCase()) ?? [])];
    }
    if (this.s.groupMembersAreIds) return values;
    const ids: string[] = [];
    for (const dn of values) {
      const id = this.idFromDn(dn, this.s.users) ?? (await this.lookUpId(dn));
      if (id !== null) ids.push(id);
    }
    return ids;
  }

  private idFromDn(dn: string, schema: EntitySchema): string | null {
    const ava = namingAva(dn);
    return ava && ava.type.toLowerCase() === schema.idAttribute.toLowerCase() ? ava.value : null;
  }

  private async lookUpId(dn: string): Promise<string | null> {
    const attr = this.s.users.idAttribute;
    const entries = await this.directory.find({ base: dn, scope: 'base', filter: '(objectClass=*)', attributes: [attr] });
    const id = entries[0] ? firstValue(entries[0], attr) : undefined;
    if (id === undefined) this.logger.warn(`ID attribute ${attr} not found in LDAP object ${dn}; member ignored`);
    return id ?? null;
  }
}

/** Keystone asks the server for the limit only when it will apply no filter itself; one more tells the manager it truncated. */
function sizeLimitFor(hints: DriverHints): number {
  return hints.limit && hints.filters.length === 0 ? hints.limit.limit + 1 : 0;
}

function dedupe(users: UserRecord[]): UserRecord[] {
  const seen = new Set<string>();
  return users.filter((u) => (seen.has(u.id) ? false : (seen.add(u.id), true)));
}
