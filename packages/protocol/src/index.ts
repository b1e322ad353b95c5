export * from './auth.ts';
export * from './chats.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './gateway.ts';
export * from './messages.ts';
export * from './users.ts';
