export * from './credential.module';
export * from './credential.manager';
export * from './credential.options';
export { ec2Signature, type SignedRequest } from './ec2/ec2-signer';
export { hashAccessKey } from './ec2/access-key-hash';
