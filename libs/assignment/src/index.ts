export * from './assignment.module';
