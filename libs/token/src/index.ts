export * from './token.module';
export * from './token.manager';
export * from './token-model';
export * from './token.options';
export * from './revoke/revoke.manager';
export * from './revoke/revocation-matcher';
export * from './token-bind';
