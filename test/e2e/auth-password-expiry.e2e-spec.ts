import { startTestServer, ADMIN_PASSWORD, type TestServer } from '../support/e2e-server';
import { changePassword, createUser, db, getUser, passwordAuth, patchUser } from './auth-test-helpers';
import { runBootstrap } from '@keystone-ts/server';

const GENERIC = 'The request you have made requires authentication.';
const DAY = 86_400_000;

/**
 * [security_compliance] password_expires_days, change_password_upon_first_use,
 * minimum_password_age and disable_user_account_days_inactive, with the
 * per-user exemptions (ignore_* options). Time is moved by ageing rows.
 */
describe('security compliance: expiry, first use, minimum age, inactivity', () => {
  let ks: TestServer;
  const expired = (id: string) => `The password is expired and needs to be changed for user: ${id}.`;
  const localId = async (userId: string) => (await db(ks)('local_user').where({ user_id: userId }).first()).id as number;
  /** Moves the current password's expiry into the past, as time would. */
  const expireNow = async (userId: string) => {
    const past = new Date(Date.now() - 1000);
    await db(ks)('password').where({ local_user_id: await localId(userId) }).update({ expires_at_int: past.getTime() * 1000 });
  };

  beforeAll(async () => {
    ks = await startTestServer({
      bootstrap: false,
      extraConfig: [
        '[security_compliance]',
        'password_expires_days = 90',
        'change_password_upon_first_use = true',
        'minimum_password_age = 1',
        'disable_user_account_days_inactive = 2',
      ].join('\n'),
    });
    // Bootstrap's admin is subject to change_password_upon_first_use like anyone (as in Keystone); exempt it here.
    await runBootstrap(ks.app, { password: ADMIN_PASSWORD, publicUrl: 'http://localhost/v3', regionId: 'RegionOne' });
    const admin = await db(ks)('local_user').where({ name: 'admin' }).first();
    await db(ks)('password').where({ local_user_id: admin.id }).update({ expires_at: null, expires_at_int: null });
    ks.adminToken = await ks.token('admin', ADMIN_PASSWORD, 'admin');
  });
  afterAll(async () => ks?.close());

  it('makes a new user change the password set by an administrator, then expires it after password_expires_days', async () => {
    const u = await createUser(ks, { name: 'first-use', password: 'initial-1' });
    expect(Date.parse(u.json().user.password_expires_at)).toBeLessThanOrEqual(Date.now());
    const login = await passwordAuth(ks, u.id, 'initial-1');
    expect(login.statusCode).toBe(401);
    expect(login.json().error.message).toBe(expired(u.id));

    // The self-service change accepts the expired original password.
    expect((await changePassword(ks, u.id, 'initial-1', 'chosen-2')).statusCode).toBe(204);
    expect((await passwordAuth(ks, u.id, 'chosen-2')).statusCode).toBe(201);
    const expiresAt = Date.parse((await getUser(ks, u.id)).json().user.password_expires_at);
    expect(Math.abs(expiresAt - (Date.now() + 90 * DAY))).toBeLessThan(60_000);

    await expireNow(u.id);
    const late = await passwordAuth(ks, u.id, 'chosen-2');
    expect(late.statusCode).toBe(401);
    expect(late.json().error.message).toBe(expired(u.id));
    // A wrong password is still the generic answer, whatever the expiry.
    expect((await passwordAuth(ks, u.id, 'wrong-0')).json().error.message).toBe(GENERIC);
  });

  it('exempts ignore_password_expiry and ignore_change_password_upon_first_use users', async () => {
    const u = await createUser(ks, { name: 'service-user', password: 'initial-1' });
    const reset = await patchUser(ks, u.id, { password: 'reset-2', options: { ignore_change_password_upon_first_use: true } });
    expect(reset.statusCode).toBe(200);
    expect((await passwordAuth(ks, u.id, 'reset-2')).statusCode).toBe(201);

    await expireNow(u.id);
    expect((await passwordAuth(ks, u.id, 'reset-2')).statusCode).toBe(401);
    expect((await patchUser(ks, u.id, { options: { ignore_password_expiry: true } })).statusCode).toBe(200);
    expect((await passwordAuth(ks, u.id, 'reset-2')).statusCode).toBe(201);
  });

  it('applies minimum_password_age to self-service changes only', async () => {
    const u = await createUser(ks, { name: 'min-age', password: 'initial-1' });
    // The administrator's password was not self-service: the first change is allowed.
    expect((await changePassword(ks, u.id, 'initial-1', 'mine-2')).statusCode).toBe(204);
    const again = await changePassword(ks, u.id, 'mine-2', 'mine-3');
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toBe(
      'You cannot change your password at this time due to the minimum password age. Once you change your password, it must be used for 1 day(s) before it can be changed. Please try again in 0 day(s) or contact your administrator to reset your password.',
    );
    expect((await patchUser(ks, u.id, { password: 'admin-4' })).statusCode).toBe(200);
    // After the reset (not self-service) the user may change again, once first use is done.
    expect((await changePassword(ks, u.id, 'admin-4', 'mine-5')).statusCode).toBe(204);
  });

  it('refuses a self-service change when lock_password is set', async () => {
    const u = await createUser(ks, { name: 'locked-pw', password: 'initial-1', options: { lock_password: true } });
    const res = await changePassword(ks, u.id, 'initial-1', 'mine-2');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      'You cannot change your password at this time due to password policy disallowing password changes. Please contact your administrator to reset your password.',
    );
  });

  it('shows and treats a user inactive for disable_user_account_days_inactive days as disabled', async () => {
    const u = await createUser(ks, { name: 'sleepy', password: 'initial-1', options: { ignore_change_password_upon_first_use: true } });
    await patchUser(ks, u.id, { password: 'active-2' });
    expect((await passwordAuth(ks, u.id, 'active-2')).statusCode).toBe(201);
    const today = new Date().toISOString().slice(0, 10);
    const stored = (await db(ks)('user').where({ id: u.id }).first()).last_active_at as string | Date;
    // SQLite keeps the DATE as text; node-postgres gives a Date at local midnight.
    const day = stored instanceof Date ? new Date(Date.UTC(stored.getFullYear(), stored.getMonth(), stored.getDate())).toISOString().slice(0, 10) : String(stored);
    expect(day).toBe(today);

    const threeDaysAgo = new Date(Date.now() - 3 * DAY).toISOString().slice(0, 10);
    await db(ks)('user').where({ id: u.id }).update({ last_active_at: threeDaysAgo });
    expect((await getUser(ks, u.id)).json().user.enabled).toBe(false);
    const login = await passwordAuth(ks, u.id, 'active-2');
    expect(login.statusCode).toBe(401);
    expect(login.json().error.message).toBe(GENERIC);

    // As in Keystone, any update of an inactive user writes the `enabled` it reads (false):
    // a late exemption does not revive it, re-enabling does (and restarts the clock).
    expect((await patchUser(ks, u.id, { options: { ignore_user_inactivity: true } })).statusCode).toBe(200);
    expect((await getUser(ks, u.id)).json().user.enabled).toBe(false);
    expect((await patchUser(ks, u.id, { enabled: true })).statusCode).toBe(200);
    expect((await getUser(ks, u.id)).json().user.enabled).toBe(true);
    expect((await passwordAuth(ks, u.id, 'active-2')).statusCode).toBe(201);

    const exempt = await createUser(ks, { name: 'exempt', password: 'initial-1', options: { ignore_user_inactivity: true } });
    await db(ks)('user').where({ id: exempt.id }).update({ last_active_at: threeDaysAgo });
    expect((await getUser(ks, exempt.id)).json().user.enabled).toBe(true);
  });
});
