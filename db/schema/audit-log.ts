// Who did what to whom, and when: role grants, announcements, deletions (without personal data).
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorMemberId: integer('actor_member_id'),
    action: text('action').notNull(),
    targetMemberId: integer('target_member_id'),
    detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
    at: createdAt(),
  },
  // actor: the console's log filtered by official (newest first: the index holds the rowid in order).
  (t) => [index('audit_log_action_idx').on(t.action), index('audit_log_actor_idx').on(t.actorMemberId)],
);
