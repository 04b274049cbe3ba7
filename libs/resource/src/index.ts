export * from './resource.module';
