/** Plugins shipped with keystone-ts, loaded through the same path as third-party packages. */
export const BUILTIN_PLUGIN_PACKAGES: readonly string[] = [];
