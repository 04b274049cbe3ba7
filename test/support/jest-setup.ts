// Quiet logs in tests unless asked for (KEYSTONE_TS_LOG_LEVEL=debug npx jest ...).
process.env.KEYSTONE_TS_LOG_LEVEL ??= 'error';
