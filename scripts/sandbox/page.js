// The sandbox chat page (served by scripts/sandbox.ts). Talks only to the sandbox's JSON API:
// /api/state, /api/messages (long poll), /api/send, /api/tap, /api/follow, /api/personas, /api/jobs.
// No innerHTML: every text goes in with textContent, links only with http(s) addresses.
/* global document, window, fetch, setTimeout, URLSearchParams */
'use strict';

const state = {
  personas: [],
  group: null,
  bot: '',
  timezone: 'Asia/Ho_Chi_Minh',
  entries: new Map(), // chat -> entries
  unread: new Map(),
  current: null, // chat key
  speaker: 'tg-member', // who writes in the group
  lastSeq: 0,
};

const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'role') node.setAttribute(k, String(v));
      else node[k] = v;
    }
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error || `HTTP ${res.status}`);
  return json;
}

function privateChat(p) {
  return `${p.platform}:${p.userId}`;
}

function personaOfChat(chat) {
  return state.personas.find((p) => privateChat(p) === chat) || null;
}

function isGroup(chat) {
  return state.group && chat === state.group.chat;
}

function setStatus(text) {
  $('status').textContent = text;
}

// ---- chats list ---------------------------------------------------------------------------
function renderChats() {
  const list = $('chats');
  list.replaceChildren();
  const items = state.personas.map((p) => ({
    chat: privateChat(p),
    name: p.name,
    role: p.label,
    pf: p.platform,
    mark: p.platform === 'telegram' ? 'TG' : 'Zalo',
  }));
  if (state.group) items.push({ chat: state.group.chat, name: state.group.title, role: 'Nhóm Telegram · Telegram group', pf: 'group', mark: 'TG' });
  for (const it of items) {
    const n = state.unread.get(it.chat) || 0;
    const btn = el(
      'button',
      { type: 'button', 'data-chat': it.chat, 'aria-current': String(it.chat === state.current) },
      el('span', { class: `pf ${it.pf}`, text: it.mark, 'aria-hidden': 'true' }),
      el('span', { class: 'who' }, el('span', { class: 'name', text: it.name }), el('span', { class: 'role', text: it.role })),
      n ? el('span', { class: 'badge', text: String(n), title: 'tin chưa đọc · unread' }) : null,
    );
    btn.addEventListener('click', () => select(it.chat));
    list.append(el('li', null, btn));
  }
}

function select(chat) {
  state.current = chat;
  state.unread.delete(chat);
  renderChats();
  renderHead();
  renderMessages();
  $('text').focus();
}

// ---- chat head -----------------------------------------------------------------------------
function renderHead() {
  const chat = state.current;
  const actions = $('chat-actions');
  actions.replaceChildren();
  const speaker = $('speaker');
  const speakerLabel = $('speaker-label');
  if (isGroup(chat)) {
    $('chat-title').textContent = state.group.title;
    $('chat-hint').textContent = 'Nhóm Telegram: chọn người gửi. Trong nhóm Loa chỉ trả lời /lệnh, và mời sang chat riêng cho việc cá nhân. · Pick who writes; Loa answers only commands here.';
    speaker.replaceChildren(...state.personas.filter((p) => p.platform === 'telegram').map((p) => el('option', { value: p.id, text: p.name, selected: p.id === state.speaker })));
    speaker.hidden = false;
    speakerLabel.hidden = false;
    return;
  }
  speaker.hidden = true;
  speakerLabel.hidden = true;
  const p = personaOfChat(chat);
  if (!p) return;
  $('chat-title').textContent = `${p.name} · ${p.platform === 'telegram' ? 'Telegram' : 'Zalo'}`;
  $('chat-hint').textContent = `${p.label} · ${p.platform === 'telegram' ? `Telegram id ${p.userId}` : `Zalo user id ${p.userId}`}`;
  if (p.platform === 'zalo') {
    actions.append(
      el('button', { type: 'button', text: 'Quan tâm OA · Follow', onclick: () => follow(p, true) }),
      el('button', { type: 'button', text: 'Bỏ quan tâm · Unfollow', onclick: () => follow(p, false) }),
    );
  } else {
    actions.append(el('button', { type: 'button', text: 'Bắt đầu · /start', onclick: () => send('/start') }));
  }
}

async function follow(p, on) {
  try {
    await api('/api/follow', { persona: p.id, follow: on });
  } catch (e) {
    setStatus(`Lỗi · Error: ${e.message}`);
  }
}

// ---- messages ------------------------------------------------------------------------------
const START_LINK = () => new RegExp(`^https://t\\.me/${state.bot}\\?start=([\\w-]+)$`, 'i');

function spanNode(s) {
  const cls = ['b', 'i', 'u', 's', 'code'].filter((k) => s[k]).join(' ');
  if (s.href && /^https?:\/\//i.test(s.href)) {
    const start = START_LINK().exec(s.href);
    const a = el('a', { href: s.href, target: '_blank', rel: 'noopener noreferrer', text: s.t, class: cls || undefined });
    if (start) {
      // "Continue in the private chat": open the bot's private chat and send /start <command>.
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        const p = isGroup(state.current) ? state.personas.find((x) => x.id === state.speaker) : personaOfChat(state.current);
        if (!p) return;
        select(privateChat(p));
        send(`/start ${start[1]}`);
      });
    }
    return a;
  }
  return cls ? el('span', { class: cls, text: s.t }) : document.createTextNode(s.t);
}

function timeText(ms) {
  const d = new Date(ms);
  return d.toLocaleString('vi-VN', { timeZone: state.timezone, hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit' });
}

function messageNode(e) {
  const li = el('li', { class: `msg ${e.dir}`, 'data-seq': e.seq });
  if (e.dir === 'in' && isGroup(e.chat)) {
    const p = state.personas.find((x) => x.id === e.persona);
    li.append(el('span', { class: 'from', text: p ? p.name : '' }));
  } else if (e.dir === 'out') {
    li.append(el('span', { class: 'from', text: 'Loa' }));
  }
  for (const s of e.spans) li.append(spanNode(s));
  if (e.file) {
    li.append(
      el('br'),
      el('a', { class: 'file', href: `/api/files/${e.file.id}`, download: e.file.name, text: `📎 ${e.file.name} (${e.file.lines} dòng · rows)` }),
    );
  }
  if (e.buttons && e.buttons.length) {
    const keys = el('div', { class: e.keyboard ? 'keys keyboard' : 'keys', role: 'group', 'aria-label': e.keyboard ? 'Bàn phím trả lời · Reply keyboard' : 'Nút · Buttons' });
    e.buttons.forEach((row, r) => {
      const rowNode = el('div', { class: 'row' });
      row.forEach((b, c) => {
        if (b.kind === 'url' && !START_LINK().test(b.url || '')) {
          rowNode.append(el('a', { href: /^https?:\/\//i.test(b.url || '') ? b.url : '#', target: '_blank', rel: 'noopener noreferrer', text: `${b.label} ↗` }));
          return;
        }
        const label = b.kind === 'contact' ? `📞 ${b.label}` : b.label;
        rowNode.append(el('button', { type: 'button', text: label, 'data-seq': e.seq, 'data-row': r, 'data-col': c, onclick: () => tap(e, r, c) }));
      });
      keys.append(rowNode);
    });
    li.append(keys);
  }
  li.append(el('span', { class: 'time', text: timeText(e.at) }));
  return li;
}

function renderMessages() {
  const list = $('messages');
  const items = state.entries.get(state.current) || [];
  list.replaceChildren(...items.map(messageNode));
  if (!items.length) {
    const p = personaOfChat(state.current);
    const hint =
      p && p.platform === 'zalo'
        ? 'Chưa có tin nào. Bấm «Quan tâm OA» như người dùng Zalo, hoặc nhắn «dang ky». · No messages yet: follow the OA or type "dang ky".'
        : isGroup(state.current)
          ? 'Chưa có tin nào trong nhóm. Thử /tin hoặc /dangky. · Try /tin or /dangky in the group.'
          : 'Chưa có tin nào. Bấm «Bắt đầu» hoặc nhắn /start. · No messages yet: press Start or type /start.';
    list.append(el('li', { class: 'empty', text: hint }));
  }
  list.scrollTop = list.scrollHeight;
}

function addEntries(entries) {
  for (const e of entries) {
    state.lastSeq = Math.max(state.lastSeq, e.seq);
    if (!state.entries.has(e.chat)) state.entries.set(e.chat, []);
    state.entries.get(e.chat).push(e);
    if (e.chat !== state.current && e.dir === 'out') state.unread.set(e.chat, (state.unread.get(e.chat) || 0) + 1);
  }
  if (entries.length) {
    renderChats();
    if (entries.some((e) => e.chat === state.current)) renderMessages();
  }
}

async function poll() {
  for (;;) {
    try {
      const res = await api(`/api/messages?${new URLSearchParams({ after: String(state.lastSeq), wait: '20000' })}`);
      addEntries(res.entries);
    } catch {
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

// ---- sending -------------------------------------------------------------------------------
async function send(text) {
  const chat = state.current;
  const group = isGroup(chat);
  const p = group ? state.personas.find((x) => x.id === state.speaker) : personaOfChat(chat);
  if (!p || !text.trim()) return;
  try {
    await api('/api/send', { persona: p.id, text, where: group ? 'group' : 'private' });
  } catch (e) {
    setStatus(`Lỗi · Error: ${e.message}`);
  }
}

async function tap(entry, row, col) {
  try {
    const res = await api('/api/tap', { seq: entry.seq, row, col, persona: isGroup(entry.chat) ? state.speaker : undefined });
    if (res.open) window.open(res.open, '_blank', 'noopener');
    if (res.chat && res.chat !== state.current) select(res.chat);
  } catch (e) {
    setStatus(`Lỗi · Error: ${e.message}`);
  }
}

function jobText(res) {
  if (res.job === 'digest') {
    const r = res.result;
    if (r.status === 'empty') return `Điểm tin ${r.date}: chưa có bài nào. Cán bộ thêm bài bằng /them <link> <tiêu đề>. · No articles yet today.`;
    return `Điểm tin ${r.date}: ${r.articles} bài; gửi mới ${r.queued}, bỏ qua ${r.skipped}, đã gửi trước đó ${r.alreadyQueued}. · Digest queued ${r.queued}, skipped ${r.skipped}, already ${r.alreadyQueued}.`;
  }
  const results = res.results || [res];
  const parts = results
    .filter((x) => x.error || (x.result !== null && x.result !== undefined && x.result !== 'early' && x.result !== 'done'))
    .map((x) => `${x.job}: ${x.error ? `lỗi · error ${x.error}` : typeof x.result === 'object' ? JSON.stringify(x.result) : String(x.result)}`);
  return `Đã chạy · Ran ${results.map((x) => x.job).join(', ')}.${parts.length ? `\n${parts.join('\n')}` : ''}`;
}

async function runJob(job, hours) {
  setStatus('Đang chạy… · Running…');
  try {
    const res = await api('/api/jobs', { job, hours });
    setStatus(jobText(res));
    await loadState();
  } catch (e) {
    setStatus(`Lỗi · Error: ${e.message}`);
  }
}

async function loadState() {
  const s = await api('/api/state');
  state.personas = s.personas;
  state.group = s.group;
  state.bot = s.bot;
  state.timezone = s.timezone;
  $('console-link').href = s.consoleUrl;
  $('clock').textContent = `${s.nowText} (${s.timezone})${s.offsetHours ? ` · +${s.offsetHours} giờ · h` : ''}`;
  return s;
}

async function newPersona(platform) {
  try {
    const p = await api('/api/personas', { platform });
    await loadState();
    select(privateChat(p));
  } catch (e) {
    setStatus(`Lỗi · Error: ${e.message}`);
  }
}

async function init() {
  await loadState();
  state.current = privateChat(state.personas[0]);
  $('composer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = $('text');
    const text = input.value;
    input.value = '';
    void send(text);
  });
  $('speaker').addEventListener('change', (ev) => {
    state.speaker = ev.target.value;
  });
  $('new-telegram').addEventListener('click', () => newPersona('telegram'));
  $('new-zalo').addEventListener('click', () => newPersona('zalo'));
  for (const b of document.querySelectorAll('[data-job]')) {
    b.addEventListener('click', () => runJob(b.dataset.job, b.dataset.hours ? Number(b.dataset.hours) : undefined));
  }
  const first = await api('/api/messages?after=0');
  addEntries(first.entries);
  select(state.current);
  document.body.dataset.ready = 'true';
  void poll();
}

document.addEventListener('DOMContentLoaded', () => {
  init().catch((e) => setStatus(`Không tải được trang · Could not load: ${e.message}`));
});
