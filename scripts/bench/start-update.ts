// The webhook bench's request: a Telegram /start from a new private chat, one shape for both load
// generators (autocannon builds it in JS, wrk in Lua from `startUpdateTemplate`).

/** The update for id `id`: update and message id `id`, sender and chat `100000 + id`. */
export function startUpdate(id: number): string {
  return JSON.stringify({
    update_id: id,
    message: {
      message_id: id,
      date: 1763700000,
      chat: { id: 100000 + id, type: 'private', first_name: 'Bench' },
      from: { id: 100000 + id, is_bot: false, first_name: 'Bench', language_code: 'vi' },
      text: '/start',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
    },
  });
}

// Ids no real run reaches, replaced by placeholders.
const ID = 987654321;

/** The same update with `{ID}` where the update id goes and `{USER}` where the sender's id goes. */
export const startUpdateTemplate = startUpdate(ID)
  .replaceAll(String(100000 + ID), '{USER}')
  .replaceAll(String(ID), '{ID}');
