export * from './oauth1.module';
export * from './oauth1.manager';
export * from './oauth1.options';
export * from './signature/rfc5849';
export * from './signature/signed-request';
