// The console's Điểm tin page opens on the day a new article goes to (the same rule as /them and
// the API without a date, nextDigestDate): today, and tomorrow once today's digest has gone out.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness';
import { open, signInOfficial } from '../support/console';
import { formatDate, localDate } from '../../src/core/time';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('Điểm tin: the day it opens on', () => {
  it('is today until today’s digest is queued, then tomorrow; an explicit ?date= still wins', async () => {
    h = await startHarness({ env: { OFFICIALS: 'telegram:900' } });
    const cookie = await signInOfficial(h, 900);
    const tz = h.runtime.core.env.TIMEZONE;
    const now = h.clock.now();
    const today = localDate(now, tz);
    const title = (d: Date) => `Điểm tin ngày ${formatDate(d, tz)}`;
    const page = async (path: string) => (await open(h, path, { headers: { cookie } })).text();

    const before = await page('/console/digest');
    expect(before).toContain(title(now));
    expect(before).toContain(`id="day" type="date" name="date" value="${today}"`);
    expect((await h.api('POST', '/api/articles', { url: 'https://tuoitre.vn/le-hoi-ao-dai-2026.htm', title: 'Khai mạc Lễ hội Áo dài TP.HCM 2026' })).status).toBe(201);
    expect((await h.api('POST', `/api/digests/${today}/send`)).status).toBe(200);

    const tomorrow = new Date(now.getTime() + 24 * 3600_000);
    const after = await page('/console/digest');
    expect(after).toContain(title(tomorrow));
    // The day picker is on tomorrow (today's digest stays listed among the past ones).
    expect(after).toContain(`id="day" type="date" name="date" value="${localDate(tomorrow, tz)}"`);
    expect(await page(`/console/digest?date=${today}`)).toContain(`value="${today}"`);
  });
});
