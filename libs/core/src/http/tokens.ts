/** Nest injection tokens of core providers. */
export const PUBLIC_ENDPOINT = Symbol('PUBLIC_ENDPOINT');
export const KEYSTONE_RUNTIME = Symbol('KEYSTONE_RUNTIME');
export const DATABASE = Symbol('DATABASE');
