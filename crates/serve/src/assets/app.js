// dyad's page. Data reaches the document only as text nodes and attribute
// values set through the DOM: never as markup.
'use strict';

(function () {
  const QUAD = { 1: 'verbal cooperation', 2: 'material cooperation', 3: 'verbal conflict', 4: 'material conflict' };
  const APPROX = { exact: '', about: '≈ ', more_than: '> ', less_than: '< ', up_to: '≤ ' };
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  // el('p', {class: 'x'}, 'text', child): children are nodes or text.
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else e.setAttribute(k, String(v));
    }
    for (const k of kids.flat()) {
      if (k === null || k === undefined || k === false) continue;
      e.append(k instanceof Node ? k : document.createTextNode(String(k)));
    }
    return e;
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = String(text);
    return e;
  }

  async function getJson(url, headers) {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => ({ error: 'bad response (' + r.status + ')' }));
    if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
    if (headers) headers.more = r.headers.get('x-dyad-next-offset');
    return body;
  }

  function money(v, unit) {
    const a = Math.abs(v);
    let s;
    if (a >= 1e12) s = trim(v / 1e12) + ' trillion';
    else if (a >= 1e9) s = trim(v / 1e9) + ' billion';
    else if (a >= 1e6) s = trim(v / 1e6) + ' million';
    else if (a >= 1e3) s = Math.round(v).toLocaleString('en-US');
    else s = trim(v);
    if (unit === 'USD') return '$' + s;
    if (unit === '%') return s + '%';
    return unit ? s + ' ' + unit : s;
  }
  function trim(x) { return String(Math.round(x * 10) / 10); }

  // Short axis labels: "$431M", "2.5B", "60".
  function compact(v, unit) {
    const a = Math.abs(v);
    let s;
    if (a >= 1e12) s = trim(v / 1e12) + 'T';
    else if (a >= 1e9) s = trim(v / 1e9) + 'B';
    else if (a >= 1e6) s = trim(v / 1e6) + 'M';
    else if (a >= 1e3) s = trim(v / 1e3) + 'k';
    else s = trim(v);
    if (unit === 'USD') return '$' + s;
    if (unit === '%') return s + '%';
    return s;
  }

  function periodLabel(p) {
    if (!p) return 'undated';
    const [sy, sm, sd] = p.start.split('-').map(Number);
    const [ey, em, ed] = p.end.split('-').map(Number);
    const lastDay = new Date(Date.UTC(ey, em, 0)).getUTCDate();
    if (sm === 1 && sd === 1 && em === 12 && ed === 31) return sy === ey ? String(sy) : sy + '–' + ey;
    if (sd === 1 && ed === lastDay) {
      const a = MONTHS[sm - 1] + (sy === ey ? '' : ' ' + sy);
      return sm === em && sy === ey ? MONTHS[sm - 1] + ' ' + ey : a + '–' + MONTHS[em - 1] + ' ' + ey;
    }
    return p.start + ' – ' + p.end;
  }

  // ---------- the evidence viewer ----------

  const docCache = new Map();
  let selected = null;

  function select(node, evidence, title) {
    if (selected) selected.classList.remove('selected');
    selected = node;
    if (node && node.classList) node.classList.add('selected');
    showEvidence(evidence, 0, title);
  }

  async function showEvidence(list, i, title) {
    const viewer = document.getElementById('viewer');
    const text = document.getElementById('article-text');
    const nav = document.getElementById('viewer-nav');
    viewer.hidden = false;
    document.getElementById('viewer-title').textContent = title || 'Evidence';
    nav.replaceChildren();
    if (!list || list.length === 0) { text.replaceChildren('No evidence recorded.'); return; }
    if (list.length > 1) {
      list.forEach((_, k) => {
        const b = el('button', { type: 'button', class: k === i ? 'on' : null }, 'article ' + (k + 1));
        b.addEventListener('click', () => showEvidence(list, k, title));
        nav.append(b, ' ');
      });
      nav.append(el('span', { class: 'muted' }, ' (' + list.length + ' reports)'));
    }
    const ev = list[i];
    text.replaceChildren(el('p', { class: 'muted' }, 'Loading article…'));
    let doc = docCache.get(ev.doc);
    try {
      if (!doc) { doc = await getJson('/api/documents/' + encodeURIComponent(ev.doc)); docCache.set(ev.doc, doc); }
    } catch (e) {
      text.replaceChildren(el('p', { class: 'error' }, String(e.message)));
      return;
    }
    document.getElementById('viewer-meta').textContent =
      [doc.title, doc.date, doc.source].filter(Boolean).join(' · ');
    // Spans count Unicode characters (code points), as Array.from does.
    const chars = Array.from(doc.text);
    const [s, e] = ev.span;
    const mark = el('mark', { id: 'evidence-mark' }, chars.slice(s, e).join(''));
    text.replaceChildren(
      document.createTextNode(chars.slice(0, s).join('')),
      mark,
      document.createTextNode(chars.slice(e).join('')));
    mark.scrollIntoView({ block: 'center' });
  }

  function clickable(node, evidence, title) {
    node.classList.add('item');
    node.setAttribute('tabindex', '0');
    node.addEventListener('click', (e) => { e.stopPropagation(); select(node, evidence, title); });
    node.addEventListener('keydown', (e) => { if (e.key === 'Enter') select(node, evidence, title); });
    return node;
  }

  // ---------- labels ----------

  let LABELS = { cameo: {}, roots: {}, plover: {} };
  async function loadLabels() {
    try { LABELS = await getJson('/api/codes'); } catch (e) { /* codes shown bare */ }
  }
  function cameoLabel(code) {
    return LABELS.cameo[code] || LABELS.cameo[String(code).slice(0, 3)] || LABELS.roots[String(code).slice(0, 2)] || '';
  }
  function codeBadge(code) {
    return [el('span', { class: 'code', title: cameoLabel(code) }, code), ' ', el('span', { class: 'label' }, cameoLabel(code))];
  }
  function ploverBadge(p) {
    if (!p) return null;
    return el('span', { class: 'plover', title: LABELS.plover[p] || '' }, p, LABELS.plover[p] ? el('span', { class: 'muted' }, ' (' + LABELS.plover[p] + ')') : null);
  }
  function isHttp(s) { return /^https?:\/\//i.test(s || ''); }
  function sourceLink(source, title) {
    if (isHttp(source)) return el('a', { href: source, class: 'source', rel: 'noopener noreferrer', target: '_blank' }, title || source);
    return el('span', { class: 'muted source' }, title || source || '');
  }

  // ---------- index ----------

  function sparkline(months, from, to) {
    // One bar per month from `from` to `to` (YYYY-MM), height by count.
    const keys = monthRange(from, to);
    const W = 120, H = 22;
    const max = Math.max(1, ...keys.map((k) => months[k] || 0));
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'spark', role: 'img' });
    root.append(svg('title', {}, keys.length ? 'events per month, ' + keys[0] + ' to ' + keys[keys.length - 1] : 'no dated facts'));
    const bw = W / Math.max(1, keys.length);
    root.append(svg('line', { class: 'base', x1: 0, y1: H - 0.5, x2: W, y2: H - 0.5 }));
    keys.forEach((k, i) => {
      const v = months[k] || 0;
      if (!v) return;
      const h = Math.max(1.5, (v / max) * (H - 2));
      root.append(svg('rect', { x: i * bw, y: H - h, width: Math.max(1, bw - 0.5), height: h }));
    });
    return root;
  }

  function monthRange(from, to) {
    if (!from || !to) return [];
    let [y, m] = from.split('-').map(Number);
    const [ty, tm] = to.split('-').map(Number);
    const out = [];
    while ((y < ty || (y === ty && m <= tm)) && out.length < 1200) {
      out.push(y + '-' + String(m).padStart(2, '0'));
      m += 1; if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function pairTable(pairs, id) {
    const months = pairs.flatMap((p) => Object.keys(p.months || {})).sort();
    const from = months[0], to = months[months.length - 1];
    const side = (code, name) => el('a', { href: '/country/' + encodeURIComponent(code), class: 'side' }, name || code);
    const rows = pairs.map((p) => el('tr', { class: 'pair', 'data-key': (p.a + ' ' + p.b + ' ' + (p.a_name || '') + ' ' + (p.b_name || '')).toLowerCase() },
      el('td', {}, el('a', { href: '/pair/' + encodeURIComponent(p.a) + '/' + encodeURIComponent(p.b), class: 'pair-link' },
        (p.a_name || p.a) + ' — ' + (p.b_name || p.b)),
        el('div', { class: 'muted small' }, side(p.a, p.a), ' · ', side(p.b, p.b))),
      el('td', { class: 'num' }, p.documents), el('td', { class: 'num' }, p.events), el('td', { class: 'num' }, p.agreements),
      el('td', { class: 'muted small' }, (p.first || '') + (p.last && p.last !== p.first ? ' – ' + p.last : '')),
      el('td', {}, sparkline(p.months || {}, from, to))));
    return el('table', { id: id },
      el('thead', {}, el('tr', {}, ['pair', 'documents', 'events', 'agreements', 'dates', 'activity (' + (from || '') + ' – ' + (to || '') + ')'].map((h, i) => el('th', { class: i >= 1 && i <= 3 ? 'num' : null }, h)))),
      el('tbody', {}, rows));
  }

  function searchBox(table, countEl, total) {
    const input = el('input', { type: 'search', id: 'pair-search', placeholder: 'search pairs: country name or code', 'aria-label': 'search pairs' });
    const q = new URLSearchParams(location.search).get('q') || '';
    input.value = q;
    const apply = () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const tr of table.querySelectorAll('tr.pair')) {
        const ok = words.every((w) => tr.getAttribute('data-key').includes(w));
        tr.hidden = !ok; if (ok) shown += 1;
      }
      countEl.textContent = shown + ' of ' + total + ' pairs';
      const u = new URL(location.href);
      if (input.value) u.searchParams.set('q', input.value); else u.searchParams.delete('q');
      history.replaceState(null, '', u);
    };
    input.addEventListener('input', apply);
    return { input, apply };
  }

  async function index(app) {
    document.title = 'dyad — pairs';
    const pairs = await getJson('/api/pairs');
    if (pairs.length === 0) {
      app.replaceChildren(el('section', {}, el('h2', {}, 'Pairs'), el('p', { class: 'muted' }, 'Nothing stored yet: run dyad ingest.')));
      return;
    }
    const table = pairTable(pairs, 'pairs');
    const count = el('span', { class: 'muted', id: 'pair-count' });
    const box = searchBox(table, count, pairs.length);
    app.replaceChildren(el('section', {}, el('h2', {}, 'Pairs'), el('p', {}, box.input, ' ', count), table));
    box.apply();
  }

  async function countryPage(app, code) {
    const pairs = await getJson('/api/pairs?country=' + encodeURIComponent(code));
    const mine = pairs.length ? (pairs[0].a === code.toUpperCase() ? pairs[0].a_name : pairs[0].b_name) : null;
    const name = mine || code.toUpperCase();
    document.title = 'dyad — ' + name;
    const count = el('span', { class: 'muted', id: 'pair-count' });
    const table = pairTable(pairs, 'partners');
    const box = searchBox(table, count, pairs.length);
    app.replaceChildren(el('h1', { id: 'country-title' }, name + ' (' + code.toUpperCase() + ')'),
      el('section', {}, el('h2', {}, 'Partners'), pairs.length ? [el('p', {}, box.input, ' ', count), table] : el('p', { class: 'muted' }, 'No pairs.')));
    if (pairs.length) box.apply();
  }

  // ---------- a pair: header and balance ----------

  function dateSpan(r) {
    const ds = r.events.map((e) => e.date).concat(r.documents.map((d) => d.date)).filter(Boolean).sort();
    return ds.length ? [ds[0], ds[ds.length - 1]] : null;
  }

  function header(r) {
    const span = dateSpan(r);
    const stat = (id, n, label) => el('div', { class: 'stat', id: id }, el('div', { class: 'n' }, n), el('div', { class: 'muted' }, label));
    return el('section', { id: 'summary' },
      el('div', { class: 'stats' },
        stat('count-events', r.events.length, 'events'),
        stat('count-documents', r.documents.length, 'documents'),
        stat('count-agreements', r.agreements.length, 'agreements'),
        stat('date-span', span ? span[0] + ' – ' + span[1] : '—', 'date span')),
      balanceChart(r.events));
  }

  // Per month: bars of events by quad class (cooperation up, conflict
  // down) and the mean Goldstein score as a line.
  function balanceChart(events) {
    const W = 760, H = 220, L = 44, R = 44, T = 14, B = 30;
    const dated = events.filter((e) => e.date).map((e) => e.date).sort();
    // Per month; per year when the months would be too many to read.
    const span = dated.length ? monthRange(dated[0].slice(0, 7), dated[dated.length - 1].slice(0, 7)).length : 0;
    const yearly = span > 120;
    const by = new Map();
    for (const e of events) {
      if (!e.date) continue;
      const k = yearly ? e.date.slice(0, 4) : e.date.slice(0, 7);
      if (!by.has(k)) by.set(k, { q: [0, 0, 0, 0, 0], g: 0, n: 0 });
      const m = by.get(k);
      m.q[e.quad_class] = (m.q[e.quad_class] || 0) + 1; m.g += e.goldstein; m.n += 1;
    }
    const keys = [...by.keys()].sort();
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart balance', id: 'balance-chart', role: 'img', 'data-bin': yearly ? 'year' : 'month' });
    root.append(svg('title', {}, 'cooperation and conflict per ' + (yearly ? 'year' : 'month')));
    if (keys.length === 0) { root.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle' }, 'no dated events')); return root; }
    const months = yearly
      ? Array.from({ length: Number(keys[keys.length - 1]) - Number(keys[0]) + 1 }, (_, i) => String(Number(keys[0]) + i))
      : monthRange(keys[0], keys[keys.length - 1]);
    // One scale above and below the line, so that the line is also
    // Goldstein 0 on the right-hand axis.
    const most = Math.max(1, ...months.map((k) => by.has(k) ? Math.max(by.get(k).q[1] + by.get(k).q[2], by.get(k).q[3] + by.get(k).q[4]) : 0));
    const up = most, down = most;
    const mid = T + (H - T - B) / 2;
    const scale = (H - T - B) / (up + down);
    const bw = (W - L - R) / months.length;
    const X = (i) => L + i * bw;
    root.append(svg('line', { class: 'axis', x1: L, y1: mid, x2: W - R, y2: mid }));
    root.append(svg('text', { x: L - 4, y: T + 8, 'text-anchor': 'end' }, up));
    root.append(svg('text', { x: L - 4, y: H - B, 'text-anchor': 'end' }, down));
    root.append(svg('text', { x: W / 2, y: T + 8, 'text-anchor': 'middle', class: 'small' }, 'events per ' + (yearly ? 'year' : 'month') + ': cooperation up, conflict down'));
    root.append(svg('text', { x: L - 4, y: mid + 4, 'text-anchor': 'end' }, '0'));
    const step = Math.max(1, Math.ceil(months.length / 12));
    months.forEach((k, i) => {
      const m = by.get(k);
      if (m) {
        let y = mid;
        for (const q of [1, 2]) { const h = m.q[q] * scale; if (h) { y -= h; root.append(svg('rect', { class: 'q' + q, x: X(i) + 1, y, width: Math.max(1, bw - 2), height: h })); } }
        y = mid;
        for (const q of [3, 4]) { const h = m.q[q] * scale; if (h) { root.append(svg('rect', { class: 'q' + q, x: X(i) + 1, y, width: Math.max(1, bw - 2), height: h })); y += h; } }
        const t = svg('rect', { class: 'hit', x: X(i), y: T, width: bw, height: H - T - B });
        t.append(svg('title', {}, k + ': ' + m.n + ' events (' + m.q[1] + ' verbal coop., ' + m.q[2] + ' material coop., ' + m.q[3] + ' verbal confl., ' + m.q[4] + ' material confl.), mean Goldstein ' + (m.g / m.n).toFixed(1)));
        root.append(t);
      }
      if (i % step === 0) root.append(svg('text', { x: X(i) + bw / 2, y: H - B + 16, 'text-anchor': 'middle' }, k));
    });
    // Mean Goldstein (-10..10) on the right axis; a gap where a month has none.
    const G = (g) => T + (1 - (g + 10) / 20) * (H - T - B);
    let seg = [];
    const flush = () => { if (seg.length > 1) root.append(svg('polyline', { class: 'goldstein', points: seg.join(' ') })); seg = []; };
    months.forEach((k, i) => {
      const m = by.get(k);
      if (!m) { flush(); return; }
      const p = (X(i) + bw / 2) + ',' + G(m.g / m.n);
      seg.push(p);
      root.append(svg('circle', { class: 'goldstein', cx: X(i) + bw / 2, cy: G(m.g / m.n), r: 2.5 }));
    });
    flush();
    for (const g of [10, 0, -10]) root.append(svg('text', { x: W - R + 4, y: G(g) + 4 }, (g > 0 ? '+' : '') + g));
    root.append(svg('text', { x: W - R - 4, y: T + 8, 'text-anchor': 'end', class: 'small' }, 'mean Goldstein →'));
    return root;
  }

  // ---------- a pair: the timeline, filtered and paged ----------

  const PAGE = 25;
  const FILTERS = ['since', 'until', 'root', 'plover', 'actor', 'text'];

  function eventQuery(ctx, f, offset, limit) {
    const q = new URLSearchParams();
    q.set('country', ctx.a + ',' + ctx.b);
    for (const k of FILTERS) if (f[k]) q.set(k, f[k]);
    if (!f.actor && ctx.actor) q.set('actor', ctx.actor);
    q.set('limit', limit); q.set('offset', offset);
    return q;
  }

  function filterForm(ctx, f, onApply) {
    const input = (name, type, ph) => el('label', {}, name + ' ', el('input', { name, type, placeholder: ph || '', value: f[name] || '' }));
    const roots = el('select', { name: 'root' }, el('option', { value: '' }, 'any CAMEO root'),
      Array.from({ length: 20 }, (_, i) => { const k = String(i + 1).padStart(2, '0'); return el('option', { value: String(i + 1), selected: String(f.root) === String(i + 1) ? 'selected' : null }, k + ' ' + (LABELS.roots[k] || '')); }));
    const plovers = el('select', { name: 'plover' }, el('option', { value: '' }, 'any PLOVER type'),
      Object.keys(LABELS.plover).map((p) => el('option', { value: p, selected: f.plover === p ? 'selected' : null }, p + ' (' + LABELS.plover[p] + ')')));
    const form = el('form', { id: 'filters' },
      input('since', 'date'), input('until', 'date'),
      el('label', {}, 'CAMEO ', roots), el('label', {}, 'PLOVER ', plovers),
      input('actor', 'text', 'actor code, e.g. USAGOV'), input('text', 'search', 'words in the evidence'),
      el('button', { type: 'submit' }, 'Apply'), ' ',
      el('button', { type: 'button', id: 'filters-clear' }, 'Clear'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const nf = {};
      for (const k of FILTERS) { const v = form.elements[k].value.trim(); if (v) nf[k] = v; }
      onApply(nf, 0);
    });
    form.querySelector('#filters-clear').addEventListener('click', () => onApply({}, 0));
    return form;
  }

  function eventRow(row) {
    const e = row;
    const date = e.date || row.doc_date || 'undated';
    const li = el('li', { class: 'event q' + e.quad_class, 'data-code': e.code, 'data-date': date },
      el('div', {}, el('strong', {}, date), ' ', codeBadge(e.code), ' ', ploverBadge(e.plover)),
      el('div', {}, (e.source || '?') + ' → ' + (e.target || '?'), e.place ? ' · ' + e.place : '',
        el('span', { class: 'badge' }, 'Goldstein ' + e.goldstein),
        el('span', { class: 'badge' }, QUAD[e.quad_class] || ('quad ' + e.quad_class))),
      el('div', { class: 'small' }, sourceLink(row.doc_source, row.doc_title)));
    const link = li.querySelector('a.source');
    if (link) link.addEventListener('click', (ev) => ev.stopPropagation());
    return clickable(li, [{ doc: row.doc_id, span: row.evidence || [0, 0] }], 'Event ' + e.code + ' on ' + date);
  }

  function timelineSection(ctx) {
    const sec = el('section', { id: 'timeline' }, el('h2', {}, 'Timeline'));
    const params = new URLSearchParams(location.search);
    let f = {};
    for (const k of FILTERS) if (params.get(k)) f[k] = params.get(k);
    let offset = Number(params.get('offset')) || 0;
    const list = el('ol', { class: 'timeline' });
    const status = el('p', { class: 'muted', id: 'timeline-status' });
    const prev = el('button', { type: 'button', id: 'page-prev' }, '← newer');
    const next = el('button', { type: 'button', id: 'page-next' }, 'older →');
    prev.textContent = '← previous'; next.textContent = 'next →';
    const csv = el('a', { id: 'download-csv', class: 'button' }, 'Download CSV');
    const json = el('a', { id: 'download-json', class: 'button' }, 'Download JSON');
    let form;
    async function load(nf, noff) {
      f = nf; offset = noff;
      const u = new URL(location.href);
      for (const k of FILTERS.concat(['offset'])) u.searchParams.delete(k);
      for (const k of FILTERS) if (f[k]) u.searchParams.set(k, f[k]);
      if (offset) u.searchParams.set('offset', offset);
      history.replaceState(null, '', u);
      if (form) for (const k of FILTERS) form.elements[k].value = f[k] || '';
      const dl = eventQuery(ctx, f, 0, 1000);
      dl.set('format', 'csv'); csv.setAttribute('href', '/api/events?' + dl);
      dl.set('format', 'json'); json.setAttribute('href', '/api/events?' + dl);
      status.textContent = 'Loading…';
      sec.setAttribute('data-loading', '1');
      try {
        const page = await getJson('/api/events?' + eventQuery(ctx, f, offset, PAGE));
        list.replaceChildren(...page.items.map(eventRow));
        status.textContent = page.items.length ? 'events ' + (offset + 1) + '–' + (offset + page.items.length) + (page.next_offset ? ' (more on the next page)' : '') : 'No events match.';
        prev.disabled = offset === 0; next.disabled = !page.next_offset;
      } catch (e) {
        status.textContent = String(e.message); list.replaceChildren();
      }
      sec.removeAttribute('data-loading');
    }
    form = filterForm(ctx, f, load);
    prev.addEventListener('click', () => load(f, Math.max(0, offset - PAGE)));
    next.addEventListener('click', () => load(f, offset + PAGE));
    sec.append(form, el('p', { class: 'tools' }, status, ' ', prev, ' ', next, ' · ', csv, ' ', json), list);
    return { sec, ready: load(f, offset) };
  }

  // ---------- a pair: agreements, sortable ----------

  function agreements(r) {
    const cols = [
      ['type', (a) => a.type.replace(/_/g, ' ')],
      ['title', (a) => a.title || ''],
      ['parties', (a) => a.parties.map((p) => p.name + (p.country ? ' (' + p.country + ')' : '')).join(' — ')],
      ['subject', (a) => a.subject || ''],
      ['date', (a) => a.date || ''],
      ['articles', (a) => a.articles],
    ];
    const body = el('tbody', {});
    let sortBy = 4, dir = 1;
    const draw = () => {
      const rows = r.agreements.slice().sort((x, y) => {
        const a = cols[sortBy][1](x), b = cols[sortBy][1](y);
        return (typeof a === 'number' ? a - b : String(a).localeCompare(String(b))) * dir;
      });
      body.replaceChildren(...rows.map((a) => clickable(el('tr', { class: 'agreement' }, cols.map(([, f]) => el('td', {}, f(a)))),
        a.evidence, 'Agreement: ' + (a.title || a.type))));
      heads.forEach((th, i) => th.setAttribute('aria-sort', i === sortBy ? (dir > 0 ? 'ascending' : 'descending') : 'none'));
    };
    const heads = cols.map(([name], i) => {
      const th = el('th', { class: 'sortable', tabindex: 0 }, name);
      const go = () => { if (sortBy === i) dir = -dir; else { sortBy = i; dir = 1; } draw(); };
      th.addEventListener('click', go);
      th.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
      return th;
    });
    draw();
    return el('section', { id: 'agreements' }, el('h2', {}, 'Agreements'),
      r.agreements.length ? el('table', {}, el('thead', {}, el('tr', {}, heads)), body) : el('p', { class: 'muted' }, 'No agreements.'));
  }

  // ---------- a pair: figures as small multiples ----------

  function dayOf(s) { const [y, m, d] = s.split('-').map(Number); return Date.UTC(y, m - 1, d) / 864e5; }
  function isYear(p) { return p && p.start.endsWith('-01-01') && p.end.endsWith('-12-31') && p.start.slice(0, 4) === p.end.slice(0, 4); }

  function niceTicks(lo, hi, n) {
    const span = hi - lo || Math.abs(hi) || 1;
    const step0 = span / n, mag = Math.pow(10, Math.floor(Math.log10(step0)));
    const step = [1, 2, 2.5, 5, 10].map((k) => k * mag).find((s) => s >= step0) || mag * 10;
    const out = [];
    const top = Math.ceil(hi / step - 1e-9) * step;
    for (let v = Math.floor(lo / step) * step; v <= top + step * 1e-9; v += step) out.push(v);
    return out;
  }

  // One chart per measure and unit; each series drawn in its own shade.
  // Only whole calendar years are joined by a line (year to next year);
  // a partial-year point (a quarter, "January-June") stands alone.
  function smallMultiple(key, list) {
    const W = 360, H = 200, L = 58, R = 10, T = 22, B = 34;
    const unit = list[0].unit;
    const pts = list.flatMap((s, si) => s.points.filter((p) => p.period).map((p) => ({ p, si })));
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart figure-chart', role: 'img' });
    root.append(svg('title', {}, key));
    if (pts.length === 0) return root;
    const xs = pts.map(({ p }) => (dayOf(p.period.start) + dayOf(p.period.end)) / 2);
    let x0 = Math.min(...pts.map(({ p }) => dayOf(p.period.start))), x1 = Math.max(...pts.map(({ p }) => dayOf(p.period.end)));
    if (x1 - x0 < 30) { x0 -= 180; x1 += 180; }
    const vmax = Math.max(...pts.map(({ p }) => p.value), 0), vmin = Math.min(0, ...pts.map(({ p }) => p.value));
    const ticks = niceTicks(vmin, vmax, 4);
    const ymin = Math.min(vmin, ticks[0]), ymax = Math.max(vmax, ticks[ticks.length - 1]) || 1;
    const X = (x) => L + (x - x0) / (x1 - x0) * (W - L - R);
    const Y = (y) => T + (1 - (y - ymin) / (ymax - ymin || 1)) * (H - T - B);
    for (const t of ticks) {
      root.append(svg('line', { class: 'grid', x1: L, y1: Y(t), x2: W - R, y2: Y(t) }));
      root.append(svg('text', { x: L - 5, y: Y(t) + 4, 'text-anchor': 'end' }, compact(t, unit)));
    }
    root.append(svg('text', { x: 4, y: 12, class: 'small' }, unit === 'USD' ? 'US dollars' : (unit || 'count')));
    root.append(svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }));
    const y0 = new Date(x0 * 864e5).getUTCFullYear(), y1 = new Date(x1 * 864e5).getUTCFullYear();
    const ystep = Math.max(1, Math.ceil((y1 - y0 + 1) / 6));
    for (let y = y0; y <= y1 + 1; y += ystep) {
      const x = X(dayOf(y + '-01-01'));
      if (x < L - 1 || x > W - R + 1) continue;
      root.append(svg('line', { class: 'tick', x1: x, y1: H - B, x2: x, y2: H - B + 4 }));
      const anchor = x > W - R - 14 ? 'end' : (x < L + 14 ? 'start' : 'middle');
      root.append(svg('text', { x: x, y: H - B + 16, 'text-anchor': anchor }, y));
    }
    list.forEach((s, si) => {
      const years = s.points.filter((p) => isYear(p.period) && p.origin === 'reported' && !p.conflict)
        .map((p) => [Number(p.period.start.slice(0, 4)), p]).sort((a, b) => a[0] - b[0]);
      let seg = [];
      const flush = () => { if (seg.length > 1) root.append(svg('polyline', { class: 'line s' + (si % 4), 'data-years': seg.map((x) => x[0]).join(','), points: seg.map((x) => x[1]).join(' ') })); seg = []; };
      years.forEach(([y, p], i) => {
        if (i > 0 && y !== years[i - 1][0] + 1) flush();
        seg.push([y, X((dayOf(p.period.start) + dayOf(p.period.end)) / 2) + ',' + Y(p.value)]);
      });
      flush();
    });
    pts.forEach(({ p, si }, i) => {
      const x = X(xs[i]), y = Y(p.value);
      const cls = (p.conflict ? 'conflict' : p.origin) + ' s' + (si % 4) + (isYear(p.period) ? ' year' : ' partial');
      const tip = periodLabel(p.period) + ': ' + APPROX[p.approx] + money(p.value, unit) + (p.origin === 'derived' ? ' (derived)' : '') + (isYear(p.period) ? '' : ' (part of a year)');
      const mark = isYear(p.period) ? svg('circle', { cx: x, cy: y, r: 5, class: cls, tabindex: 0 })
        : svg('rect', { x: x - 4.5, y: y - 4.5, width: 9, height: 9, class: cls, tabindex: 0 });
      mark.append(svg('title', {}, tip));
      mark.addEventListener('click', () => select(null, [p.evidence], 'Figure: ' + periodLabel(p.period)));
      root.append(mark);
    });
    return root;
  }

  function figures(r) {
    const groups = new Map();
    for (const s of r.figures) {
      const k = (s.measure || 'other') + (s.unit ? ' (' + s.unit + ')' : '');
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(s);
    }
    const dated = (list) => list.some((s) => s.points.some((p) => p.period));
    const charts = [...groups].sort((x, y) => Number(dated(y[1])) - Number(dated(x[1]))).map(([k, list]) => el('figure', { class: 'multiple' },
      el('figcaption', {}, k, el('span', { class: 'muted small' }, ' · ' + list.length + (list.length === 1 ? ' series' : ' series'))),
      list.some((s) => s.points.some((p) => p.period)) ? smallMultiple(k, list) : el('p', { class: 'muted small nodates' }, 'no dated values'),
      el('details', {}, el('summary', {}, 'values'),
        list.map((s) => el('table', { class: 'values' },
          el('caption', {}, s.subject || s.measure || ''),
          el('tbody', {}, s.points.map((p) => clickable(el('tr', { class: 'figure' },
            el('td', {}, periodLabel(p.period)), el('td', {}, APPROX[p.approx] + money(p.value, s.unit)),
            el('td', {}, p.origin === 'derived' ? el('span', { class: 'badge derived' }, 'derived') : 'reported', p.conflict ? el('span', { class: 'badge conflict' }, 'conflict') : null)),
          [p.evidence], 'Figure: ' + periodLabel(p.period)))))))));
    return el('section', { id: 'figures' }, el('h2', {}, 'Figures'), el('p', { class: 'muted small' }, '● a whole year (years in a row are joined) · ■ part of a year (never joined) · ○ derived from a stated change'),
      charts.length ? el('div', { class: 'multiples' }, charts) : el('p', { class: 'muted' }, 'No figures.'));
  }

  function topics(r) {
    const groups = new Map();
    for (const t of r.topics) {
      const k = t.status || 'unspecified';
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(t);
    }
    const chip = (t, status) => clickable(el('span', { class: 'chip topic' }, t.topic + (t.articles > 1 ? ' ×' + t.articles : '')), t.evidence, 'Topic: ' + t.topic + ' (' + status + ')');
    const blocks = [...groups].map(([status, ts]) => {
      const first = ts.slice(0, 12).map((t) => chip(t, status));
      const rest = ts.slice(12);
      return el('div', {}, el('h3', {}, status + ' (' + ts.length + ')'), first,
        rest.length ? el('details', { class: 'more' }, el('summary', {}, rest.length + ' more'), rest.map((t) => chip(t, status))) : null);
    });
    return el('section', { id: 'topics', class: 'topics' }, el('h2', {}, 'Topics'),
      blocks.length ? blocks : el('p', { class: 'muted' }, 'No topics.'));
  }

  function quotes(r) {
    const sides = [r.a, r.b];
    const cols = sides.map((c) => {
      const qs = r.quotes.filter((q) => q.country === c);
      return el('div', { class: 'side-quotes' }, el('h3', {}, (c === r.a ? r.a_name : r.b_name) || c),
        qs.length ? qs.map((q) => clickable(
          el('blockquote', { class: 'quote' }, '“' + q.text + '”',
            el('div', { class: 'muted' }, '— ' + (q.speaker_name || q.speaker || 'unknown') + (q.date ? ', ' + q.date : ''))),
          [q.evidence], 'Quote: ' + (q.speaker_name || ''))) : el('p', { class: 'muted' }, 'None.'));
    });
    return el('section', { id: 'quotes' }, el('h2', {}, 'Quotations'),
      r.quotes.length ? el('div', { class: 'two' }, cols) : el('p', { class: 'muted' }, 'No quotations.'));
  }

  function institutions(r) {
    const rows = r.institutions.map((i) => el('tr', {},
      el('td', {}, i.name), el('td', {}, i.country || ''), el('td', {}, i.kind || ''),
      el('td', {}, i.partners.join(', '))));
    return el('section', { id: 'institutions' }, el('h2', {}, 'Institutions and cities'),
      rows.length ? el('table', {}, el('thead', {}, el('tr', {}, ['name', 'country', 'type', 'linked with'].map((h) => el('th', {}, h)))),
        el('tbody', {}, rows)) : el('p', { class: 'muted' }, 'None.'));
  }

  function documents(r) {
    const items = r.documents.slice().reverse().slice(0, 50).map((d) => el('li', {}, (d.date || 'undated') + ' · ', sourceLink(d.source, d.title || d.source)));
    return el('section', { id: 'documents' }, el('h2', {}, 'Sources'),
      el('details', {}, el('summary', {}, r.documents.length + ' documents (latest 50)'), el('ul', {}, items)));
  }

  // ---------- a pair: the map ----------

  // Country outlines (Natural Earth 1:110m, see data/SOURCES.md) as SVG
  // paths in a 720 x 360 equirectangular frame; the places of the pair's
  // events as dots sized by their events.
  let WORLD = null;
  async function world() {
    if (WORLD) return WORLD;
    const r = await fetch('/assets/world.tsv');
    if (!r.ok) throw new Error('map outlines: HTTP ' + r.status);
    WORLD = (await r.text()).split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
    return WORLD;
  }
  const PX = (lon) => 2 * (lon + 180), PY = (lat) => 2 * (90 - lat);

  function placesMap(r) {
    const sec = el('section', { id: 'map' }, el('h2', {}, 'Places'));
    const places = new Map();
    for (const e of r.events) {
      if (e.place_lat == null || e.place_lon == null) continue;
      const k = e.place || (e.place_lat + ',' + e.place_lon);
      if (!places.has(k)) places.set(k, { name: k, lat: e.place_lat, lon: e.place_lon, n: 0, evidence: [] });
      const p = places.get(k); p.n += 1; p.evidence.push(...e.evidence);
    }
    const ready = world().then((rows) => {
      const list = [...places.values()];
      let x0 = 0, x1 = 720, y0 = 0, y1 = 360;
      if (list.length) {
        x0 = Math.min(...list.map((p) => PX(p.lon))); x1 = Math.max(...list.map((p) => PX(p.lon)));
        y0 = Math.min(...list.map((p) => PY(p.lat))); y1 = Math.max(...list.map((p) => PY(p.lat)));
        let w = Math.max(x1 - x0 + 60, 160), h = Math.max(y1 - y0 + 40, 80);
        if (w / h > 2.4) h = w / 2.4; else w = h * 2.4;
        const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
        x0 = Math.max(0, cx - w / 2); y0 = Math.max(0, cy - h / 2);
        x1 = Math.min(720, x0 + w); y1 = Math.min(360, y0 + h);
      }
      const k = (x1 - x0) / 720;
      const root = svg('svg', { viewBox: [x0, y0, x1 - x0, y1 - y0].join(' '), class: 'map', role: 'img' });
      root.append(svg('title', {}, 'places of the events between ' + (r.a_name || r.a) + ' and ' + (r.b_name || r.b)));
      for (const [code, d] of rows) {
        const pth = svg('path', { d, class: 'land' + (code === r.a || code === r.b ? ' side' : ''), 'data-code': code, 'stroke-width': 0.5 * k });
        pth.append(svg('title', {}, code));
        root.append(pth);
      }
      const max = Math.max(1, ...list.map((p) => p.n));
      for (const p of list) {
        const c = svg('circle', { class: 'place', cx: PX(p.lon), cy: PY(p.lat), r: (2 + 4 * Math.sqrt(p.n / max)) * Math.max(k, 0.25), 'stroke-width': 0.8 * k, tabindex: 0 });
        c.append(svg('title', {}, p.name + ': ' + p.n + (p.n === 1 ? ' event' : ' events')));
        c.addEventListener('click', () => select(null, p.evidence, 'Events in ' + p.name));
        root.append(c);
        root.append(svg('text', { x: PX(p.lon) + 5 * Math.max(k, 0.25), y: PY(p.lat) + 3 * k, 'font-size': 9 * Math.max(k, 0.25) }, p.name));
      }
      sec.append(root, el('p', { class: 'muted small' }, list.length ? list.length + ' places; the two sides shaded. Outlines: Natural Earth.' : 'No event has a known place.'));
    }).catch((e) => sec.append(el('p', { class: 'error' }, String(e.message))));
    return { sec, ready };
  }

  async function pair(app, a, b) {
    const labels = loadLabels();
    const params = new URLSearchParams(location.search);
    const q = new URLSearchParams();
    for (const k of ['since', 'until']) if (params.get(k)) q.set(k, params.get(k));
    const got = {};
    const [r] = await Promise.all([
      getJson('/api/report/' + encodeURIComponent(a) + '/' + encodeURIComponent(b) + (q.toString() ? '?' + q : ''), got),
      labels]);
    const title = (r.a_name || r.a) + ' — ' + (r.b_name || r.b);
    document.title = 'dyad — ' + title;
    const ctx = { a: r.a, b: r.b, actor: r.a_actor || r.b_actor || null };
    const tl = timelineSection(ctx);
    const map = placesMap(r);
    app.replaceChildren(
      el('h1', { id: 'pair-title' }, title),
      el('p', { class: 'muted' }, 'click any item to read its evidence in the article'),
      got.more ? el('p', { class: 'note', id: 'partial-report' }, 'Counts, charts, map and tables cover the first ' + got.more + ' documents by date; the timeline covers all.') : null,
      header(r), map.sec, tl.sec, agreements(r), figures(r), topics(r), quotes(r), institutions(r), documents(r));
    await Promise.all([tl.ready, map.ready]);
  }

  async function main() {
    const app = document.getElementById('app');
    document.getElementById('viewer-close').addEventListener('click', () => {
      document.getElementById('viewer').hidden = true;
    });
    const m = location.pathname.match(/^\/pair\/([^/]+)\/([^/]+)\/?$/);
    const c = location.pathname.match(/^\/country\/([^/]+)\/?$/);
    try {
      if (m) await pair(app, decodeURIComponent(m[1]), decodeURIComponent(m[2]));
      else if (c) await countryPage(app, decodeURIComponent(c[1]));
      else await index(app);
      document.body.setAttribute('data-ready', '1');
      // Milliseconds from navigation to a drawn page (for measuring).
      document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));
    } catch (e) {
      app.replaceChildren(el('p', { class: 'error', id: 'error' }, String(e.message)));
      document.body.setAttribute('data-ready', 'error');
    }
  }

  document.addEventListener('DOMContentLoaded', main);
})();
