export * from './application-credential.module';
export * from './application-credential.manager';
export * from './application-credential.options';
