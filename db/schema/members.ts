// One person = one member, with one or more chat identities. Name and phone are personal data.
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { createdAt, timeMs } from './columns';

export const members = sqliteTable(
  'members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Personal data; null after /xoa. */
    fullName: text('full_name'),
    /** Personal data, E.164 (+84...); null when skipped or deleted. */
    phone: text('phone'),
    role: text('role', { enum: ['creator', 'mcn_lead', 'official'] }).notNull().default('creator'),
    mcnId: integer('mcn_id'),
    /**
     * For an MCN lead: `pending` while a lead who named an MCN that already had a lead waits for
     * `/duyet` (SPEC §6); a pending lead sees nothing of the MCN. Null (or `approved`) otherwise.
     */
    mcnLeadStatus: text('mcn_lead_status', { enum: ['pending', 'approved'] }),
    /** JSON array of the member's main channel URLs (personal data). */
    channelLinks: text('channel_links', { mode: 'json' }).$type<string[]>(),
    lang: text('lang', { enum: ['vi', 'en'] }).notNull().default('vi'),
    /** active: receives pushes; stopped: /ngung; deleted: anonymised by /xoa. */
    status: text('status', { enum: ['active', 'stopped', 'deleted'] }).notNull().default('active'),
    /** Set when the registration was confirmed; null for officials from configuration who never registered. */
    registeredAt: timeMs('registered_at'),
    consentAt: timeMs('consent_at'),
    consentVersion: text('consent_version'),
    deletedAt: timeMs('deleted_at'),
    createdAt: createdAt(),
    updatedAt: timeMs('updated_at'),
  },
  // registered_at: the console's registrations per day (a range, not a scan of every member).
  // mcn_id, role, status: an MCN's members page by page, and creators per MCN counted in the index.
  // phone: the console's search by phone and /capquyen <phone> (an equality, not a scan).
  (t) => [
    index('members_role_idx').on(t.role),
    index('members_mcn_idx').on(t.mcnId, t.role, t.status),
    index('members_registered_idx').on(t.registeredAt),
    index('members_phone_idx').on(t.phone),
  ],
);
