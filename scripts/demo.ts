// npm run demo — the whole product on this machine, no tokens needed.
//
// Starts Loa on a fresh temporary embedded database with the test fakes of the Telegram Bot API
// and the Zalo OA API as local stand-ins (real HTTP on 127.0.0.1, signed Zalo webhooks), then
// plays a week at the Department, in time order: members register through the chat (one wrong
// answer included), an official adds three articles and a campaign and sends the digest with
// /guitin (preview, then the button), members pick articles and report the links of their posts,
// a member links her Zalo account to her Telegram one with /lienket, an announcement and a
// briefing with an RSVP, a question and its answer, the officials' numbers
// and the campaign export, a message Loa does not understand (twice), Zalo's 7-day window renewed
// with one tap five days later, and a member who deletes their data. Finally it prints each
// conversation as that person would read it.
import { sql } from 'drizzle-orm';
import { startHarness, tgCallback, tgText, zaloFollow, zaloText, type Harness } from '../test/support/harness';
import { seedMember } from '../test/support/seed';
import { createTestClock } from '../test/support/clock';
import { jobs, runJobs } from '../src/jobs/schedule';
import { formatDate, localDate } from '../src/core/time';

const TIMEZONE = 'Asia/Ho_Chi_Minh';
const DAY = 24 * 3600_000;

interface Person {
  key: string;
  platform: 'telegram' | 'zalo';
  id: string;
  label: string;
  /** Answers to the registration questions, in order (none for the official). */
  registration?: string[];
}

interface Entry {
  dir: 'in' | 'out';
  text: string;
  buttons?: string[];
}

const official: Person = { key: 'official', platform: 'telegram', id: '900', label: 'Telegram · chị Hoa, Phòng Truyền thông (cán bộ)' };
const people: Person[] = [
  official,
  {
    key: 'lan',
    platform: 'telegram',
    id: '1001',
    label: 'Telegram · Nguyễn Thị Lan (trưởng MCN Sao Mai Media)',
    registration: ['/dangky', 'Nguyễn Thị Lan', '2', 'Sao Mai Media', 'https://www.tiktok.com/@lan.saomai', 'bỏ qua', 'đồng ý', 'xác nhận'],
  },
  {
    key: 'minh',
    platform: 'telegram',
    id: '1002',
    label: 'Telegram · Trần Quang Minh (nhà sáng tạo độc lập)',
    // A wrong answer on the way: a phone number that is not one; Loa says why and asks again.
    registration: ['/dangky', 'Trần Quang Minh', '1', 'không', 'https://www.youtube.com/@minhreview', '091234', '0912345678', 'đồng ý', 'xác nhận'],
  },
  {
    key: 'thu',
    platform: 'zalo',
    id: '6025512893746510384',
    label: 'Zalo · Lê Anh Thư (nhà sáng tạo, Sao Mai Media)',
    registration: ['dang ky', 'Lê Anh Thư', '1', 'Sao Mai Media', 'https://www.facebook.com/anhthu.vlog', 'bỏ qua', 'đồng ý', 'xác nhận'],
  },
  {
    key: 'khoa',
    platform: 'zalo',
    id: '7033412893746510999',
    label: 'Zalo · Phạm Đăng Khoa (nhà sáng tạo độc lập)',
    registration: ['dang ky', 'Phạm Đăng Khoa', '1', 'không', 'https://www.tiktok.com/@khoa.dulich', 'bỏ qua', 'đồng ý', 'xác nhận'],
  },
];
/** Lan's Zalo account: she links it to her Telegram registration with /lienket (no second registration). */
const lanZalo: Person = { key: 'lanZalo', platform: 'zalo', id: '6025512893746510777', label: 'Zalo · Nguyễn Thị Lan (cùng người, liên kết với Telegram)' };
people.splice(2, 0, lanZalo);

const transcript = new Map<string, Entry[]>(people.map((p) => [p.key, []]));
const byChat = new Map(people.map((p) => [`${p.platform}:${p.id}`, p.key]));
let h: Harness;
const seen = { tg: 0, zalo: 0 };

/** Telegram HTML as the member reads it: links shown after their text, tags dropped, entities decoded. */
function htmlToText(html: string): string {
  return html
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_, href: string, text: string) => {
      const plain = text.replace(/<[^>]+>/g, '');
      return plain === href ? plain : `${plain} (${href.replace(/&amp;/g, '&')})`;
    })
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Moves what the fakes delivered since last time into the transcripts. */
function collect() {
  for (; seen.tg < h.tg.calls.length; seen.tg++) {
    const c = h.tg.calls[seen.tg]!;
    if (c.status !== 200 || (c.method !== 'sendMessage' && c.method !== 'sendDocument')) continue;
    const who = byChat.get(`telegram:${String(c.payload.chat_id)}`);
    if (!who) continue;
    const markup = c.payload.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined;
    const doc = c.payload.document as string | { filename?: string; content?: string } | undefined;
    const docName = typeof doc === 'object' && doc ? `${doc.filename ?? 'file'} (${(doc.content ?? '').split('\n').length - 1} dòng)` : String(doc);
    const text = c.method === 'sendDocument' ? `📎 ${docName}${c.payload.caption ? ` — ${htmlToText(String(c.payload.caption))}` : ''}` : htmlToText(String(c.payload.text));
    transcript.get(who)!.push({ dir: 'out', text, buttons: markup?.inline_keyboard?.flat().map((b) => b.text) });
  }
  const sent = h.zalo.sent();
  for (; seen.zalo < sent.length; seen.zalo++) {
    const m = sent[seen.zalo]!;
    const who = byChat.get(`zalo:${m.userId}`);
    if (!who) continue;
    const attachment = m.payload.attachment as { payload?: { buttons?: { title: string }[] } } | undefined;
    transcript.get(who)!.push({ dir: 'out', text: m.text, buttons: attachment?.payload?.buttons?.map((b) => b.title) });
  }
}

async function say(p: Person, text: string) {
  transcript.get(p.key)!.push({ dir: 'in', text });
  if (p.platform === 'telegram') await h.telegram(tgText(Number(p.id), text, { firstName: 'Demo', date: h.clock.now() }));
  else await h.zaloEvent(zaloText(p.id, text, h.clock.now()));
}

async function press(p: Person, label: string, data: string) {
  transcript.get(p.key)!.push({ dir: 'in', text: `[bấm nút «${label}»]` });
  await h.telegram(tgCallback(Number(p.id), data));
}

async function settle() {
  await h.settle();
  collect();
}

function print() {
  const line = '═'.repeat(78);
  console.log('Loa demo: a week at the Department, as each person saw it in their chat app.');
  console.log('➜ what the person sent   ◀ what Loa answered   [..] buttons under a message');
  for (const p of people) {
    console.log(`\n${line}\n ${p.label}\n${line}`);
    for (const e of transcript.get(p.key)!) {
      const arrow = e.dir === 'in' ? '  ➜ ' : '  ◀ ';
      const pad = ' '.repeat(arrow.length);
      const lines = e.text.split('\n');
      console.log(arrow + lines[0]);
      for (const l of lines.slice(1)) console.log(pad + l);
      if (e.buttons?.length) console.log(pad + e.buttons.map((b) => `[${b}]`).join(' '));
      console.log('');
    }
  }
}

async function main() {
  const now = new Date();
  const today = localDate(now, TIMEZONE);
  h = await startHarness({ clock: createTestClock(now), env: { OFFICIALS: 'telegram:900', TIMEZONE } });
  const notes: string[] = [];
  try {
    const members = people.filter((p) => p.registration);
    const lan = members[0]!;

    // 1. Members register through the chat (round by round, so the platforms work in parallel).
    await h.zaloEvent(zaloFollow(members[2]!.id, h.clock.now()));
    await h.zaloEvent(zaloFollow(members[3]!.id, h.clock.now()));
    await settle();
    if (h.runtime.registry.conversations.has('registration')) {
      // Anh Thư joins Lan's MCN, so she registers once Lan has created it.
      for (const wave of [[members[0]!, members[1]!, members[3]!], [members[2]!]]) {
        const rounds = Math.max(...wave.map((m) => m.registration!.length));
        for (let i = 0; i < rounds; i++) {
          for (const m of wave) if (m.registration![i]) await say(m, m.registration![i]!);
          await settle();
        }
      }
    }
    for (const m of members) {
      const rows = await h.db.db.all<{ n: number }>(
        sql`SELECT count(*) AS n FROM chat_identities i JOIN members mb ON mb.id = i.member_id WHERE i.platform = ${m.platform} AND i.external_id = ${m.id} AND mb.registered_at IS NOT NULL`,
      );
      if (Number(rows[0]!.n) === 0) {
        const { memberId } = await seedMember(h.db.db, { name: m.registration![1], identities: [] });
        await h.db.db.run(sql`UPDATE chat_identities SET member_id = ${memberId} WHERE platform = ${m.platform} AND external_id = ${m.id}`);
        notes.push(`${m.label}: registered directly in the database (the chat registration did not complete).`);
      }
    }

    // 1b. Lan links her Zalo account to her Telegram registration: a 6-digit code on Telegram,
    // typed on Zalo within 10 minutes; from then on both accounts are the same member.
    await say(lan, '/lienket');
    await settle();
    const code = /\b(\d{6})\b/.exec(transcript.get(lan.key)!.at(-1)?.text ?? '')?.[1];
    if (code) {
      await h.zaloEvent(zaloFollow(lanZalo.id, h.clock.now()));
      await settle();
      await say(lanZalo, `/lienket ${code}`);
      await settle();
    } else notes.push('Lan: /lienket gave no code, so her Zalo account was not linked.');

    // 2. The official adds three articles (one without a title: Loa asks for it) and a campaign.
    await say(official, '/them https://tuoitre.vn/khai-mac-le-hoi-ao-dai-tphcm-2026-20261120.htm Khai mạc Lễ hội Áo dài TP.HCM 2026');
    await settle();
    await say(official, '/them https://vnexpress.net/giai-marathon-quoc-te-thanh-pho-4800123.html');
    await settle();
    await say(official, 'Giải marathon quốc tế thu hút 15.000 vận động viên');
    await settle();
    await say(official, '/them https://www.sggp.org.vn/bao-tang-mo-cua-ban-dem-post812345.html Bảo tàng mở cửa ban đêm dịp cuối tuần');
    await settle();
    const end = new Date(now.getTime() + 30 * 24 * 3600_000);
    await say(official, `/chiendich Áo dài rạng rỡ #AoDaiRangRo | ${formatDate(now, TIMEZONE)} | ${formatDate(end, TIMEZONE)}`);
    await settle();

    // 3. The official sends the digest now with /guitin: the digest as members will read it, a
    // confirmation, then the button (the 07:00 schedule runs the same queueDigest).
    await say(official, '/guitin');
    await settle();
    await press(official, 'Gửi', 'ldg:send');
    await settle();

    // 4. Members pick articles and report the links of their posts.
    await press(members[0]!, 'Dùng bài 1', `pick:${today}:1`);
    await say(members[2]!, 'dung 1');
    await say(members[3]!, 'dung 3');
    await settle();
    await say(members[0]!, 'Video của Sao Mai cho #AoDaiRangRo: https://www.tiktok.com/@lan.saomai/video/7312345678901234567?is_from_webapp=1 và https://youtu.be/dQw4w9WgXcQ');
    await say(members[2]!, '#AoDaiRangRo https://www.facebook.com/anhthu.vlog/posts/pfbid0abc123 ');
    await settle();
    await say(members[1]!, '/tin');
    await settle();

    // 5. An announcement and a briefing, each previewed and confirmed; Minh accepts the invitation.
    await say(official, '/thongbao Từ tuần sau, Sở nhận báo cáo bài đăng của chiến dịch đến 17:00 thứ Sáu hằng tuần.');
    await settle();
    await say(official, 'GUI');
    await settle();
    const briefingDay = formatDate(new Date(now.getTime() + 3 * DAY), TIMEZONE);
    await say(official, `/hop Họp báo thông tin tháng 12 | ${briefingDay} 14:00 | Hội trường Sở, 164 Đồng Khởi`);
    await settle();
    await say(official, 'GUI');
    await settle();
    await say(members[1]!, 'thamdu 1');
    await settle();

    // 6. Anh Thư asks a question; the officials get one notice; the official answers.
    await say(members[2]!, '/hoi Nhà sáng tạo có được quay phim trong Bảo tàng vào buổi tối không ạ?');
    await settle();
    await runJobs(h.runtime.jobContext, h.clock.now(), jobs.filter((j) => j.name === 'question-notices'));
    await settle();
    await say(official, '/traloi 1 Được bạn nhé, từ 18:00 đến 21:00; bạn mang theo thẻ thành viên Loa.');
    await settle();

    // 7. The official reads the numbers and exports the campaign; the summary job reports the digest.
    await runJobs(h.runtime.jobContext, h.clock.now(), jobs.filter((j) => j.name === 'digest-summary'));
    await settle();
    await say(official, '/thongke');
    await settle();
    await say(official, '/xuat #AoDaiRangRo');
    await settle();

    // 8. A message Loa does not understand: the full hint, then a one-line pointer.
    await say(members[3]!, 'alo alo');
    await settle();
    await say(members[3]!, 'có ai không?');
    await settle();

    // 9. Five days later: Khoa has not written since, so his Zalo window closes within 48 h; the
    // daily job sends him «Nhận tiếp điểm tin» and one tap keeps him reachable for 7 more days.
    h.clock.set(new Date(now.getTime() + 5 * DAY + 3600_000));
    await say(members[2]!, 'dung 2'); // Anh Thư wrote recently: she gets no renewal line
    await settle();
    await runJobs(h.runtime.jobContext, h.clock.now(), jobs.filter((j) => j.name === 'zalo-renewal'));
    await settle();
    await say(members[3]!, 'nhan tiep');
    await settle();

    // 10. Khoa deletes his data: asked to confirm, then gone.
    await say(members[3]!, '/xoa');
    await settle();
    await say(members[3]!, 'xác nhận xóa');
    await settle();
  } finally {
    print();
    console.log('\nNotes:');
    for (const n of notes) console.log(`  - ${n}`);
    console.log('  - Telegram and Zalo were local stand-ins (test/fakes) on 127.0.0.1; the database was a temporary file, now deleted.');
    await h.close();
  }
}

main().catch((err) => {
  console.error(`demo failed: ${err instanceof Error ? err.stack : String(err)}`);
  process.exit(1);
});
