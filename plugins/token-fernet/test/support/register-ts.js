/**
 * Lets plain `node` run this plugin's TypeScript (the bench and the
 * multi-process lock test spawn real processes, outside jest): compiles .ts
 * with SWC on require and resolves workspace packages to their sources, as
 * jest's moduleNameMapper does.
 */
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === '@keystone-ts/plugin-sdk') request = path.join(root, 'libs/plugin-sdk/src/index.ts');
  return resolve.call(this, request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
