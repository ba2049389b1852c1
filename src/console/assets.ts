// The console's only stylesheet, served by Loa itself (no CDN; the CSP allows 'self' only).
// Readable from 390 px up: one column on phones, tables scroll sideways inside their box.
export const CONSOLE_CSS = `
:root{--fg:#1b1f24;--muted:#4b5563;--bg:#f6f7f9;--card:#fff;--line:#d7dbe0;--accent:#0b57d0;--accent-fg:#fff;--ok:#0f6b2f;--warn:#8a4b00;--bad:#b3261e;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:16px;line-height:1.45;color:var(--fg);background:var(--bg)}
*{box-sizing:border-box}body{margin:0}
a{color:var(--accent)}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f4b400;outline-offset:1px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:10}
header.top{background:#12355b;color:#fff;padding:8px 16px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between}
header.top .brand{font-weight:700;color:#fff;text-decoration:none}
header.top form{display:inline}header.top button{background:transparent;color:#fff;border:1px solid #9fb6d1;border-radius:6px;padding:6px 10px;font:inherit;cursor:pointer;min-height:40px}
nav.main{background:#fff;border-bottom:1px solid var(--line);overflow-x:auto}
nav.main ul{list-style:none;margin:0;padding:0 8px;display:flex;gap:4px;white-space:nowrap}
nav.main a{display:inline-block;padding:12px 10px;text-decoration:none;color:var(--fg);border-bottom:3px solid transparent}
nav.main a[aria-current=page]{border-bottom-color:var(--accent);font-weight:600}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:8px 0 16px}h2{font-size:1.15rem;margin:0 0 12px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
section.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:16px;margin-bottom:16px;min-width:0}
.table-wrap{overflow-x:auto;position:relative}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;background:#f0f2f5}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
label{display:block;font-weight:600;margin:8px 0 4px}
input[type=text],input[type=url],input[type=date],input[type=time],select,textarea{width:100%;font:inherit;padding:8px;border:1px solid #8a929c;border-radius:6px;background:#fff;color:var(--fg);min-height:44px}
textarea{min-height:120px}
fieldset{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:8px 12px}legend{font-weight:600}
fieldset label{font-weight:400;display:flex;gap:8px;align-items:center;margin:4px 0}
button,.button{display:inline-block;font:inherit;background:var(--accent);color:var(--accent-fg);border:0;border-radius:6px;padding:8px 14px;min-height:44px;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#e8edf3;color:var(--fg);border:1px solid #8a929c}
button.danger{background:var(--bad)}
.row{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.inline{display:inline}
.notice{padding:10px 12px;border-radius:8px;margin:0 0 16px;border:1px solid}
.notice.ok{background:#e7f4ea;border-color:#9ccfa8;color:var(--ok)}.notice.err{background:#fdecea;border-color:#f1aaa5;color:var(--bad)}
.muted{color:var(--muted)}
ol.articles{padding-left:0;list-style:none;margin:0}
ol.articles>li{border:1px solid var(--line);border-radius:8px;padding:10px;margin-bottom:8px;background:#fff}
ol.articles .title{font-weight:600;overflow-wrap:anywhere}
details summary{cursor:pointer;min-height:32px}
.preview{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:16px}
.bubble{background:#e9f2ff;border-radius:12px;padding:10px 12px;white-space:pre-wrap;overflow-wrap:anywhere}
.bubble.zalo{background:#eef6ff;border:1px solid #b9d3f5}
.bubble-buttons{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}.bubble-buttons span{border:1px solid #8aa9d6;border-radius:6px;padding:4px 8px;background:#fff;font-size:.9rem}
svg.chart{width:100%;height:auto;max-height:220px}
svg.chart rect.bar{fill:#2f6fd6}svg.chart text{font-size:10px;fill:#374151}
td.link{min-width:12rem}td.link a{overflow-wrap:anywhere}
.signin{max-width:560px;margin:40px auto}
.signin ol{padding-left:20px}
.hint{font-size:.9rem;color:var(--muted);margin:4px 0 0}
.js-only{display:none}html.js .js-only{display:inline}
.drag-handle{display:none;cursor:grab;touch-action:none;user-select:none;font-size:1.3rem;line-height:1;padding:6px 10px;margin-right:6px;border:1px solid var(--line);border-radius:6px;background:#f0f2f5;color:var(--fg)}
html.js .drag-handle{display:inline-block}
ol.articles>li.dragging{opacity:.85;outline:2px dashed var(--accent);cursor:grabbing}
ul.live-counts{margin:8px 0;padding-left:20px}ul.live-counts[aria-busy=true]{opacity:.6}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
ul.plain{list-style:none;padding:0;margin:0}ul.plain>li{padding:6px 0;border-bottom:1px solid var(--line)}
dl.facts{display:grid;grid-template-columns:minmax(110px,max-content) 1fr;gap:4px 12px;margin:0}dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}
.url{overflow-wrap:anywhere;word-break:break-all}
@media (max-width:480px){main{padding:10px}section.card{padding:12px}h1{font-size:1.3rem}}
`;

/**
 * The console's only script, served by Loa (`/console/assets/console.js`, CSP `script-src 'self'`,
 * no inline script). Progressive enhancement only: every form works without it.
 * - Live audience counts: a form with an `[data-live-counts]` list asks
 *   `/console/announcements/counts` (JSON lines) on load and when the audience changes, and choosing an MCN
 *   in the list selects "one MCN".
 * - Drag to reorder: in `ol[data-reorder]` each article's handle can be dragged (pointer events:
 *   mouse, pen and touch); on release a changed order is posted as one form
 *   (`/console/digest/reorder`), the same as the ↑/↓ buttons that stay for keyboards and no script.
 */
export const CONSOLE_JS = `(function () {
  'use strict';
  document.documentElement.classList.add('js');

  var live = document.querySelectorAll('[data-live-counts]');
  Array.prototype.forEach.call(live, function (list) {
    var form = list.closest('form');
    if (!form) return;
    var seq = 0;
    function update() {
      var audience = form.querySelector('input[name=audience]:checked');
      var mcn = form.querySelector('select[name=mcn]');
      var q = new URLSearchParams();
      q.set('audience', audience ? audience.value : 'all');
      q.set('mcn', mcn ? mcn.value : '');
      var mine = ++seq;
      list.setAttribute('aria-busy', 'true');
      fetch('/console/announcements/counts?' + q.toString(), { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) {
          if (mine !== seq) return;
          list.removeAttribute('aria-busy');
          if (!body || !body.lines) return;
          var items = list.querySelectorAll('li');
          body.lines.forEach(function (line, i) {
            var li = items[i];
            if (!li) { li = document.createElement('li'); list.appendChild(li); }
            li.textContent = line;
          });
          for (var i = body.lines.length; i < items.length; i++) items[i].remove();
        })
        .catch(function () { list.removeAttribute('aria-busy'); });
    }
    form.addEventListener('change', function (e) {
      var t = e.target;
      if (t.name === 'mcn' && t.value) {
        var one = form.querySelector('input[name=audience][value=mcn]');
        if (one) one.checked = true;
      }
      if (t.name === 'audience' || t.name === 'mcn') update();
    });
    update();
  });

  var lists = document.querySelectorAll('ol[data-reorder]');
  Array.prototype.forEach.call(lists, function (list) {
    function order() {
      return Array.prototype.map.call(list.children, function (li) { return li.getAttribute('data-article'); }).join(',');
    }
    list.addEventListener('pointerdown', function (e) {
      var handle = e.target.closest ? e.target.closest('.drag-handle') : null;
      if (!handle || e.button !== 0) return;
      var item = handle.closest('li');
      if (!item) return;
      e.preventDefault();
      var before = order();
      item.classList.add('dragging');
      function move(ev) {
        var y = ev.clientY;
        var others = Array.prototype.filter.call(list.children, function (x) { return x !== item; });
        var next = null;
        for (var i = 0; i < others.length; i++) {
          var r = others[i].getBoundingClientRect();
          if (y < r.top + r.height / 2) { next = others[i]; break; }
        }
        if (next) { if (item.nextElementSibling !== next) list.insertBefore(item, next); }
        else if (list.lastElementChild !== item) list.appendChild(item);
      }
      function end() {
        document.removeEventListener('pointermove', move);
        document.removeEventListener('pointerup', end);
        document.removeEventListener('pointercancel', end);
        item.classList.remove('dragging');
        var after = order();
        if (after === before) return;
        var form = document.createElement('form');
        form.method = 'post';
        form.action = list.getAttribute('data-reorder');
        var date = document.createElement('input');
        date.type = 'hidden'; date.name = 'date'; date.value = list.getAttribute('data-date') || '';
        var ids = document.createElement('input');
        ids.type = 'hidden'; ids.name = 'ids'; ids.value = after;
        form.appendChild(date); form.appendChild(ids);
        document.body.appendChild(form);
        list.setAttribute('aria-busy', 'true');
        form.submit();
      }
      // On the document, not with pointer capture: moving the item in the list would drop a capture.
      document.addEventListener('pointermove', move);
      document.addEventListener('pointerup', end);
      document.addEventListener('pointercancel', end);
    });
  });
})();
`;
