// A message as Telegram and Zalo will show it, rendered by the senders' own renderers (given to
// the app by the composition root). Telegram's HTML comes from bots/telegram/render.ts, which
// escapes every text and attribute and only keeps <b>, <i> and http(s)/tg/mailto links.
import { raw } from 'hono/html';
import type { AppDeps } from '../http/app-deps';
import type { OutboundMessage, Span } from '../core/types';
import type { ConsoleWords } from './words';

/** Fallback without renderers (never in the real app): spans as plain text. */
const plain = (m: OutboundMessage) => m.lines.map((l) => (typeof l === 'string' ? l : l.map((s: Span) => s.text).join(''))).join('\n');

export function MessagePreview(props: { deps: AppDeps; w: ConsoleWords; message: OutboundMessage }) {
  const { deps, w, message } = props;
  const tg = deps.previews?.telegram(message) ?? [plain(message)];
  const zalo = deps.previews?.zalo(message) ?? [{ text: plain(message) }];
  const tgButtons = (message.buttons ?? []).flat();
  return (
    <div class="preview">
      <div>
        <h3>{w.dgPreviewTelegram}</h3>
        {tg.map((html, i) => (
          <div class="bubble" data-platform="telegram">
            {raw(html)}
            {i === tg.length - 1 && tgButtons.length ? (
              <div class="bubble-buttons">
                {tgButtons.map((b) => (
                  <span>{b.label}</span>
                ))}
              </div>
            ) : null}
          </div>
        ))}
      </div>
      <div>
        <h3>{w.dgPreviewZalo}</h3>
        {zalo.map((p) => (
          <div class="bubble zalo" data-platform="zalo">
            {p.text}
            {p.buttons?.length ? (
              <div class="bubble-buttons">
                {p.buttons.map((b) => (
                  <span>{b.label}</span>
                ))}
              </div>
            ) : null}
          </div>
        ))}
      </div>
    </div>
  );
}
