// Zalo reach now (SPEC §4, "Keeping Zalo members reachable"): of the registered members who have
// a Zalo identity and take pushes, how many interacted recently enough to be sent a message.
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export interface ZaloReachCounts {
  /** Active registered members with a Zalo identity that still follows the OA. */
  members: number;
  /** Of them, those whose last interaction is after the window cut-off. */
  reachable: number;
}

/** `cutoff`: the latest last-inbound time that is already outside the window (zaloWindowCutoff). */
export async function zaloReachCounts(db: Db, cutoff: Date): Promise<ZaloReachCounts> {
  const rows = await db.all<{ members: number; reachable: number }>(sql`
    SELECT count(DISTINCT m.id) AS members,
           count(DISTINCT CASE WHEN i.last_inbound_at > ${cutoff.getTime()} THEN m.id END) AS reachable
    FROM members m JOIN chat_identities i ON i.member_id = m.id AND i.platform = 'zalo'
    WHERE m.status = 'active' AND m.registered_at IS NOT NULL AND i.unfollowed_at IS NULL`);
  const r = rows[0];
  return { members: Number(r?.members ?? 0), reachable: Number(r?.reachable ?? 0) };
}
