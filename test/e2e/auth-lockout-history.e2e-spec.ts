import { startTestServer, type TestServer } from '../support/e2e-server';
import { changePassword, createUser, db, passwordAuth, patchUser, sleep } from './auth-test-helpers';

const GENERIC = 'The request you have made requires authentication.';

/**
 * [security_compliance] lockout, password history and password_regex, as
 * Keystone 22 applies them (and as Tempest's TEMPEST_SECURITY_COMPLIANCE
 * tests expect: lockout after N failures for lockout_duration seconds,
 * 400 on a reused password).
 */
describe('security compliance: lockout, history, regex', () => {
  let ks: TestServer;
  beforeAll(async () => {
    ks = await startTestServer({
      extraConfig: [
        '[security_compliance]',
        'lockout_failure_attempts = 2',
        'lockout_duration = 1',
        'unique_last_password_count = 2',
        // The bootstrapped admin's 'admin-secret' must pass too (bootstrap creates it through the same rule).
        'password_regex = ^(?=.*[\\d-])(?=.*[a-zA-Z]).{7,}$',
        'password_regex_description = at least 7 characters, with a letter and a digit or dash',
      ].join('\n'),
    });
  });
  afterAll(async () => ks?.close());

  it('locks a user out after lockout_failure_attempts failures, for lockout_duration seconds', async () => {
    const u = await createUser(ks, { name: 'lock-me', password: 'secret-123' });
    expect((await passwordAuth(ks, u.id, 'secret-123')).statusCode).toBe(201);
    for (let i = 0; i < 2; i++) {
      const bad = await passwordAuth(ks, u.id, 'wrong-999');
      expect(bad.statusCode).toBe(401);
      expect(bad.json().error.message).toBe(GENERIC);
    }
    const row = await db(ks)('local_user').where({ user_id: u.id }).first();
    expect(Number(row.failed_auth_count)).toBe(2);
    expect(row.failed_auth_at).not.toBeNull();

    const locked = await passwordAuth(ks, u.id, 'secret-123');
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.message).toBe(`The account is locked for user: ${u.id}.`);

    await sleep(1100);
    expect((await passwordAuth(ks, u.id, 'secret-123')).statusCode).toBe(201);
    const reset = await db(ks)('local_user').where({ user_id: u.id }).first();
    expect(Number(reset.failed_auth_count)).toBe(0);
    expect(reset.failed_auth_at).toBeNull();
  });

  it('does not lock a user with ignore_lockout_failure_attempts', async () => {
    const u = await createUser(ks, { name: 'never-locked', password: 'secret-123', options: { ignore_lockout_failure_attempts: true } });
    for (let i = 0; i < 3; i++) expect((await passwordAuth(ks, u.id, 'wrong-999')).statusCode).toBe(401);
    expect((await passwordAuth(ks, u.id, 'secret-123')).statusCode).toBe(201);
  });

  it('lets an administrator unlock by enabling the user', async () => {
    const u = await createUser(ks, { name: 'unlock-me', password: 'secret-123' });
    for (let i = 0; i < 2; i++) await passwordAuth(ks, u.id, 'wrong-999');
    expect((await passwordAuth(ks, u.id, 'secret-123')).statusCode).toBe(401);
    expect((await patchUser(ks, u.id, { enabled: true })).statusCode).toBe(200);
    expect((await passwordAuth(ks, u.id, 'secret-123')).statusCode).toBe(201);
  });

  it('refuses the last unique_last_password_count passwords on a self-service change', async () => {
    const u = await createUser(ks, { name: 'history', password: 'first-pass-1' });
    expect((await changePassword(ks, u.id, 'first-pass-1', 'second-pass-2')).statusCode).toBe(204);
    const history =
      'The new password cannot be identical to a previous password. The total number which includes the new password must be unique is 2.';
    for (const reused of ['second-pass-2', 'first-pass-1']) {
      const res = await changePassword(ks, u.id, 'second-pass-2', reused);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe(history);
    }
    expect((await changePassword(ks, u.id, 'second-pass-2', 'third-pass-3')).statusCode).toBe(204);
    // first-pass-1 has left the window of the last two.
    expect((await changePassword(ks, u.id, 'third-pass-3', 'first-pass-1')).statusCode).toBe(204);
    expect((await passwordAuth(ks, u.id, 'first-pass-1')).statusCode).toBe(201);
    expect((await passwordAuth(ks, u.id, 'third-pass-3')).statusCode).toBe(401);
    // Keystone keeps unique_last_password_count + 1 rows.
    const local = await db(ks)('local_user').where({ user_id: u.id }).first();
    const rows = await db(ks)('password').where({ local_user_id: local.id }).count('id as c').first();
    expect(Number(rows?.c)).toBe(3);
  });

  it('lets an administrator reuse an old password (no history rule on reset)', async () => {
    const u = await createUser(ks, { name: 'admin-reset', password: 'first-pass-1' });
    expect((await patchUser(ks, u.id, { password: 'first-pass-1' })).statusCode).toBe(200);
    expect((await passwordAuth(ks, u.id, 'first-pass-1')).statusCode).toBe(201);
  });

  it('rejects a password that does not match password_regex with its description', async () => {
    const message = 'The password does not match the requirements: at least 7 characters, with a letter and a digit or dash.';
    const created = await createUser(ks, { name: 'weak', password: 'short' });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.message).toBe(message);
    const u = await createUser(ks, { name: 'strong', password: 'strong-pass-1' });
    const patched = await patchUser(ks, u.id, { password: 'nodigits' });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().error.message).toBe(message);
    const changed = await changePassword(ks, u.id, 'strong-pass-1', '1234567');
    expect(changed.statusCode).toBe(400);
    expect(changed.json().error.message).toBe(message);
    // The wrong original password is still a 401 first, as in Keystone.
    expect((await changePassword(ks, u.id, 'not-it-1', 'short')).statusCode).toBe(401);
  });
});
