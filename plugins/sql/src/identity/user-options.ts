/** Keystone's user resource options: API name ↔ 4-character id in `user_option`. */
export const USER_OPTION_IDS: Readonly<Record<string, string>> = {
  ignore_change_password_upon_first_use: '1000',
  ignore_password_expiry: '1001',
  ignore_lockout_failure_attempts: '1002',
  lock_password: '1003',
  ignore_user_inactivity: '1004',
  multi_factor_auth_rules: 'MFAR',
  multi_factor_auth_enabled: 'MFAE',
};

const BY_ID = new Map(Object.entries(USER_OPTION_IDS).map(([name, id]) => [id, name]));

export function optionNameForId(id: string): string | undefined {
  return BY_ID.get(id);
}
