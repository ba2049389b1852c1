// Migration 0005 (SPEC §6): existing identities get their own private chat back, pushes queued to
// a group are not sent, and from then on a push to a Telegram private chat that was never opened
// is recorded as skipped whatever code path queues it (trigger).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../../db/client';
import { migrateBundled } from '../../../db/migrate-bundled';
import { bundledMigrations } from '../../../db/migrations-bundle';

let dir = '';
let h: DbHandle | null = null;
afterEach(() => {
  h?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('moves group chats back to the private chat and skips pushes to a chat never opened', async () => {
  dir = mkdtempSync(join(tmpdir(), 'loa-private-'));
  h = await createDb({ url: `file:${join(dir, 'loa.db')}` });
  const before = bundledMigrations.findIndex((m) => m.tag.includes('private_chat'));
  expect(before).toBeGreaterThan(0);
  await migrateBundled(h.client, bundledMigrations.slice(0, before));
  const at = 1_795_000_000_000;
  await h.client.batch([
    // 1: first seen in a group; 2: wrote privately; 3: a Zalo user; 4: a configured official who never wrote.
    `INSERT INTO chat_identities (id, platform, external_id, chat_id, last_inbound_at, created_at) VALUES
       (1, 'telegram', '111', '-100500', ${at}, ${at}), (2, 'telegram', '222', '222', ${at}, ${at}),
       (3, 'zalo', 'z3', 'z3', ${at}, ${at}), (4, 'telegram', '444', '444', NULL, ${at})`,
    `INSERT INTO outbox (idempotency_key, ref, platform, chat_id, identity_id, message, next_attempt_at, created_at) VALUES
       ('a', 'digest:2026-11-21', 'telegram', '-100500', 1, '{"lines":["x"]}', ${at}, ${at}),
       ('b', 'reply', 'telegram', '-100500', 1, '{"lines":["x"]}', ${at}, ${at}),
       ('c', 'digest:2026-11-21', 'telegram', '222', 2, '{"lines":["x"]}', ${at}, ${at})`,
  ]);
  await migrateBundled(h.client);

  const ids = (await h.client.execute('SELECT id, chat_id, private_chat_at FROM chat_identities ORDER BY id')).rows.map((r) => [
    Number(r.id),
    String(r.chat_id),
    r.private_chat_at == null ? null : Number(r.private_chat_at),
  ]);
  expect(ids).toEqual([
    [1, '111', null],
    [2, '222', at],
    [3, 'z3', at],
    [4, '444', null],
  ]);
  const rows = async () =>
    (await h!.client.execute('SELECT idempotency_key, status, last_error FROM outbox ORDER BY id')).rows.map((r) => [
      String(r.idempotency_key),
      String(r.status),
      r.last_error == null ? null : String(r.last_error),
    ]);
  // The digest row to the group is not sent; the answer in the group still goes.
  expect(await rows()).toEqual([
    ['a', 'skipped', 'telegram_no_private_chat'],
    ['b', 'queued', null],
    ['c', 'queued', null],
  ]);

  // The trigger: new pushes to identities 1 and 4 are skipped, to 2 queued; a reply in a group goes.
  await h.client.execute(`INSERT INTO outbox (idempotency_key, ref, platform, chat_id, identity_id, message, next_attempt_at, created_at) VALUES
       ('d', 'grant', 'telegram', '111', 1, '{"lines":["x"]}', ${at}, ${at}),
       ('e', 'digest-summary:x', 'telegram', '444', 4, '{"lines":["x"]}', ${at}, ${at}),
       ('f', 'grant', 'telegram', '222', 2, '{"lines":["x"]}', ${at}, ${at}),
       ('g', 'reply', 'telegram', '-100500', 1, '{"lines":["x"]}', ${at}, ${at})`);
  expect((await rows()).slice(3)).toEqual([
    ['d', 'skipped', 'telegram_no_private_chat'],
    ['e', 'skipped', 'telegram_no_private_chat'],
    ['f', 'queued', null],
    ['g', 'queued', null],
  ]);
});
