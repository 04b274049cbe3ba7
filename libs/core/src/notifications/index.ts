export * from './cadf';
export * from './notification.options';
export * from './notification-payloads';
export * from './notification.drivers';
export * from './request-audit-context';
export * from './notifier';
export * from './notification.module';
