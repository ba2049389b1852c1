// All tables, for drizzle-kit and for the typed client.
export * from './mcns';
export * from './members';
export * from './chat-identities';
export * from './inbound-events';
export * from './conversations';
export * from './outbox';
export * from './platform-tokens';
export * from './audit-log';
export * from './job-runs';
