export * from './auth.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './gateway.ts';
export * from './users.ts';
