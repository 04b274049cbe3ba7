#!/usr/bin/env node
// Writes config/keystone.conf.sample from the option registry of the built tree
// (npm run build first). test/config/config-sample.spec.ts fails when it is stale.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { bootKeystone } = require('@keystone-ts/server');
const { renderConfigSample } = require('@keystone-ts/core');

const runtime = bootKeystone(['--config-file', '/dev/null']);
const target = join(__dirname, '..', 'config', 'keystone.conf.sample');
writeFileSync(target, renderConfigSample(runtime.options));
console.log(`wrote ${target}`);
