export * from './resource.module';
export * from './resource.manager';
export { resourceOptions, resourceOptionGroups } from './resource.options';
export type { ResourceSettings } from './project-writer';
