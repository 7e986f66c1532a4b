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

  async function getJson(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => ({ error: 'bad response (' + r.status + ')' }));
    if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status));
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

  // ---------- index ----------

  async function index(app) {
    document.title = 'dyad — pairs';
    const pairs = await getJson('/api/pairs');
    const rows = pairs.map((p) => el('tr', {},
      el('td', {}, el('a', { href: '/pair/' + encodeURIComponent(p.a) + '/' + encodeURIComponent(p.b) },
        (p.a_name || p.a) + ' — ' + (p.b_name || p.b))),
      el('td', {}, p.documents), el('td', {}, p.events), el('td', {}, p.agreements)));
    app.replaceChildren(
      el('section', {},
        el('h2', {}, 'Pairs of countries'),
        pairs.length === 0 ? el('p', { class: 'muted' }, 'Nothing stored yet: run dyad ingest.') :
          el('table', { id: 'pairs' },
            el('thead', {}, el('tr', {}, el('th', {}, 'pair'), el('th', {}, 'documents'), el('th', {}, 'events'), el('th', {}, 'agreements'))),
            el('tbody', {}, rows))));
  }

  // ---------- a pair ----------

  function timeline(r) {
    const items = r.events.map((ev) => {
      const who = [ev.source_name || ev.source, '→', ev.target_name || ev.target].join(' ');
      const li = el('li', { class: 'event q' + ev.quad_class, 'data-code': ev.code },
        el('strong', {}, ev.date || 'undated'), ' ',
        el('span', { class: 'code' }, ev.code), ' ',
        ev.plover ? ev.plover + ' ' : '',
        who,
        ev.place ? ' · ' + ev.place : '',
        el('span', { class: 'badge' }, 'Goldstein ' + ev.goldstein),
        el('span', { class: 'badge' }, QUAD[ev.quad_class] || ('quad ' + ev.quad_class)),
        el('span', { class: 'badge' }, ev.articles + (ev.articles === 1 ? ' article' : ' articles')));
      return clickable(li, ev.evidence, 'Event ' + ev.code + (ev.date ? ' on ' + ev.date : ''));
    });
    return el('section', { id: 'timeline' }, el('h2', {}, 'Timeline'),
      items.length ? el('ol', { class: 'timeline' }, items) : el('p', { class: 'muted' }, 'No events.'));
  }

  function agreements(r) {
    const rows = r.agreements.map((a) => {
      const parties = a.parties.map((p) => p.name + (p.country ? ' (' + p.country + ')' : '')).join(' — ');
      const tr = el('tr', { class: 'agreement' },
        el('td', {}, a.type.replace('_', ' ')),
        el('td', {}, a.title || ''),
        el('td', {}, parties),
        el('td', {}, a.subject || ''),
        el('td', {}, a.date || ''),
        el('td', {}, a.articles));
      return clickable(tr, a.evidence, 'Agreement: ' + (a.title || a.type));
    });
    return el('section', { id: 'agreements' }, el('h2', {}, 'Agreements'),
      rows.length ? el('table', {},
        el('thead', {}, el('tr', {}, ['type', 'title', 'parties', 'subject', 'date', 'articles'].map((h) => el('th', {}, h)))),
        el('tbody', {}, rows)) : el('p', { class: 'muted' }, 'No agreements.'));
  }

  function dayOf(s) { const [y, m, d] = s.split('-').map(Number); return Date.UTC(y, m - 1, d) / 864e5; }

  function chart(series) {
    const W = 600, H = 230, L = 70, R = 20, T = 16, B = 40;
    const pts = series.points.filter((p) => p.period);
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart', role: 'img' });
    root.append(svg('title', {}, (series.measure || 'figure') + ' (' + (series.unit || 'count') + ')'));
    if (pts.length === 0) return root;
    const xs = pts.map((p) => (dayOf(p.period.start) + dayOf(p.period.end)) / 2);
    let x0 = Math.min(...xs), x1 = Math.max(...xs);
    if (x1 - x0 < 1) { x0 -= 180; x1 += 180; }
    const pad = (x1 - x0) * 0.08; x0 -= pad; x1 += pad;
    const ymax = Math.max(...pts.map((p) => p.value), 0) * 1.15 || 1;
    const ymin = Math.min(0, ...pts.map((p) => p.value));
    const X = (x) => L + (x - x0) / (x1 - x0) * (W - L - R);
    const Y = (y) => T + (1 - (y - ymin) / (ymax - ymin)) * (H - T - B);
    root.append(svg('line', { class: 'axis', x1: L, y1: Y(ymin), x2: W - R, y2: Y(ymin) }));
    root.append(svg('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }));
    for (const f of [0, 0.5, 1]) {
      const v = ymin + (ymax - ymin) * f;
      root.append(svg('text', { x: L - 6, y: Y(v) + 4, 'text-anchor': 'end' }, compact(v, series.unit)));
    }
    const order = pts.map((p, i) => [xs[i], p]).sort((a, b) => a[0] - b[0]);
    const reported = order.filter(([, p]) => p.origin === 'reported');
    if (reported.length > 1) {
      root.append(svg('polyline', { class: 'line', points: reported.map(([x, p]) => X(x) + ',' + Y(p.value)).join(' ') }));
    }
    order.forEach(([x, p]) => {
      const cls = p.conflict ? 'conflict' : p.origin;
      const c = svg('circle', { cx: X(x), cy: Y(p.value), r: 6, class: cls, tabindex: 0 });
      c.append(svg('title', {}, periodLabel(p.period) + ': ' + APPROX[p.approx] + money(p.value, series.unit) + (p.origin === 'derived' ? ' (derived)' : '')));
      c.addEventListener('click', () => select(null, [p.evidence], 'Figure: ' + periodLabel(p.period)));
      root.append(c);
      root.append(svg('text', { x: X(x), y: H - B + 16, 'text-anchor': 'middle' }, periodLabel(p.period)));
      root.append(svg('text', { x: X(x), y: Y(p.value) - 10, 'text-anchor': 'middle' }, APPROX[p.approx] + money(p.value, series.unit)));
    });
    return root;
  }

  function figures(r) {
    const blocks = r.figures.map((s) => {
      const rows = s.points.map((p) => {
        const tr = el('tr', { class: 'figure' },
          el('td', {}, periodLabel(p.period)),
          el('td', {}, APPROX[p.approx] + money(p.value, s.unit)),
          el('td', {}, p.origin === 'derived' ? el('span', { class: 'badge derived' }, 'derived ÷' + p.factor) : 'reported',
            p.conflict ? el('span', { class: 'badge conflict' }, 'conflict') : null),
          el('td', {}, p.as_of || ''));
        return clickable(tr, [p.evidence], 'Figure: ' + (s.measure || 'figure') + ' ' + periodLabel(p.period));
      });
      return el('div', { class: 'series' },
        el('h3', {}, (s.measure || 'other') + (s.unit ? ' (' + s.unit + ')' : '') + (s.subject ? ' — ' + s.subject : '')),
        s.points.some((p) => p.period) ? chart(s) : null,
        el('table', {}, el('thead', {}, el('tr', {}, ['period', 'value', 'origin', 'reported on'].map((h) => el('th', {}, h)))),
          el('tbody', {}, rows)));
    });
    return el('section', { id: 'figures' }, el('h2', {}, 'Figures'),
      blocks.length ? blocks : el('p', { class: 'muted' }, 'No figures.'));
  }

  function topics(r) {
    const groups = new Map();
    for (const t of r.topics) {
      const k = t.status || 'unspecified';
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(t);
    }
    const blocks = [...groups].map(([status, ts]) => el('div', {},
      el('h3', {}, status),
      ts.map((t) => clickable(el('span', { class: 'chip topic' }, t.topic + (t.articles > 1 ? ' ×' + t.articles : '')),
        t.evidence, 'Topic: ' + t.topic + ' (' + status + ')'))));
    return el('section', { id: 'topics', class: 'topics' }, el('h2', {}, 'Topics'),
      blocks.length ? blocks : el('p', { class: 'muted' }, 'No topics.'));
  }

  function quotes(r) {
    const items = r.quotes.map((q) => clickable(
      el('blockquote', { class: 'quote' }, '“' + q.text + '”',
        el('div', { class: 'muted' }, '— ' + (q.speaker_name || q.speaker || 'unknown') + ' (' + q.country + ')' + (q.date ? ', ' + q.date : ''))),
      [q.evidence], 'Quote: ' + (q.speaker_name || '')));
    return el('section', { id: 'quotes' }, el('h2', {}, 'Quotations'),
      items.length ? items : el('p', { class: 'muted' }, 'No quotations.'));
  }

  function institutions(r) {
    const rows = r.institutions.map((i) => el('tr', {},
      el('td', {}, i.name), el('td', {}, i.country || ''), el('td', {}, i.kind || ''),
      el('td', {}, i.partners.join(', '))));
    return el('section', { id: 'institutions' }, el('h2', {}, 'Institutions and cities'),
      rows.length ? el('table', {}, el('thead', {}, el('tr', {}, ['name', 'country', 'type', 'linked with'].map((h) => el('th', {}, h)))),
        el('tbody', {}, rows)) : el('p', { class: 'muted' }, 'None.'));
  }

  async function pair(app, a, b) {
    const params = new URLSearchParams(location.search);
    const q = new URLSearchParams();
    for (const k of ['since', 'until']) if (params.get(k)) q.set(k, params.get(k));
    const r = await getJson('/api/report/' + encodeURIComponent(a) + '/' + encodeURIComponent(b) + (q.toString() ? '?' + q : ''));
    const title = (r.a_name || r.a) + ' — ' + (r.b_name || r.b);
    document.title = 'dyad — ' + title;
    app.replaceChildren(
      el('h1', { id: 'pair-title' }, title),
      el('p', { class: 'muted' }, r.documents.length + (r.documents.length === 1 ? ' document' : ' documents') + ' · click any item to read its evidence in the article'),
      timeline(r), agreements(r), figures(r), topics(r), quotes(r), institutions(r));
    document.body.setAttribute('data-ready', '1');
  }

  async function main() {
    const app = document.getElementById('app');
    document.getElementById('viewer-close').addEventListener('click', () => {
      document.getElementById('viewer').hidden = true;
    });
    const m = location.pathname.match(/^\/pair\/([^/]+)\/([^/]+)\/?$/);
    try {
      if (m) await pair(app, decodeURIComponent(m[1]), decodeURIComponent(m[2]));
      else await index(app);
      document.body.setAttribute('data-ready', '1');
    } catch (e) {
      app.replaceChildren(el('p', { class: 'error', id: 'error' }, String(e.message)));
      document.body.setAttribute('data-ready', 'error');
    }
  }

  document.addEventListener('DOMContentLoaded', main);
})();
