/*
 * The manager's web app (kiosk/docs/backoffice.md): sign-in on the session
 * cookie, the reports, stock and devices of the backend's API, in Arabic
 * or English. Plain JavaScript, no library, nothing from another origin.
 *
 * Text from the server (ids, names, versions) is only ever set with
 * textContent or as an SVG attribute, never as HTML. Amounts arrive in
 * halalas (integers) and are formatted by integer arithmetic. Tables and
 * charts carry their raw values in data-* attributes for the browser test.
 */
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
const $ = id => document.getElementById(id);

/* ---- State ---- */

const state = {
  lang: localStorage.getItem('lang') === 'ar' ? 'ar' : 'en',
  person: null,      // {name, role, stores}
  csrf: '',          // the session's CSRF token, sent with every POST
  stores: [],        // the store ids the person may choose
  code: null,        // the last enrolment code made (POST /v1/devices/enrolment-codes' answer)
  page: 'dashboard',
  order: '',         // the uuid of the order the order page shows ('' its find box only)
  device: '',        // the kiosk picked on the e-invoices page ('' every one)
  devices: {},       // the kiosks of each store's e-invoice chains, for that picker
};

/* ---- Language and numbers ---- */

function t(key) {
  const table = KS_STRINGS[state.lang];
  return key in table ? table[key] : KS_STRINGS.en[key] || key;
}

const AR_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/* Latin digits of text as Arabic-Indic ones in Arabic. */
function digits(text) {
  return state.lang === 'ar' ? String(text).replace(/[0-9]/g, d => AR_DIGITS[d]) : String(text);
}

/* A whole number with thousands grouped: 1,234,567 or ١٬٢٣٤٬٥٦٧. */
function num(n) {
  const s = String(Math.abs(Math.trunc(n)));
  const sep = state.lang === 'ar' ? '\u066c' : ',';
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (i > 0 && (s.length - i) % 3 === 0) out += sep;
    out += s[i];
  }
  return digits((n < 0 ? '-' : '') + out);
}

/* Halalas as riyals with two decimals, by integer arithmetic: 123456 -> "1,234.56 SAR". */
function sar(halalas) {
  const abs = Math.abs(halalas);
  const whole = Math.trunc(abs / 100), cents = abs % 100;
  const point = state.lang === 'ar' ? '\u066b' : '.';
  const text = num(whole) + point + digits(String(cents).padStart(2, '0'));
  return (halalas < 0 ? '-' : '') + text + ' ' + t('sar');
}

/* Seconds as minutes:seconds. */
function mmss(s) {
  return digits(Math.trunc(s / 60) + ':' + String(s % 60).padStart(2, '0'));
}

/*
 * A date ("2026-12-05", "2026-12", "2026-12-05 11:00") as text. In Arabic its
 * fields are joined by slashes: between Arabic-Indic digits a hyphen is a
 * separator the bidirectional algorithm lays out right to left (the year on
 * the right, even in an isolate), while a slash joins them into one number,
 * shown whole: "٢٠٢٦/١٢/٠٥", the day on the right, read first as Arabic
 * dates are, and a time after it on its left.
 */
function dateText(v) {
  return state.lang === 'ar' ? digits(v).replace(/-/g, '/') : String(v);
}

/* UTC seconds as the local date and time: "2026-12-05 11:42". */
function dateTime(seconds) {
  const d = new Date(seconds * 1000);
  return dateText(isoDate(d) + ' ' + d.toTimeString().slice(0, 5));
}

/* A local date as YYYY-MM-DD. */
function isoDate(d) {
  return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' +
         String(d.getDate()).padStart(2, '0');
}

function daysAgo(n) {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return isoDate(d);
}

/* ---- DOM helpers ---- */

/* An element with attributes and children (strings become text). */
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const k in attrs || {}) {
    if (k === 'text') e.textContent = attrs[k];
    else if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
  }
  for (const c of children) e.append(c);
  return e;
}

function s(tag, attrs, text) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  return e;
}

/* The static texts of index.html (data-t) in the current language. */
function translateStatic() {
  document.documentElement.lang = state.lang;
  document.documentElement.dir = state.lang === 'ar' ? 'rtl' : 'ltr';
  document.title = t('title');
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
  $('lang').textContent = state.lang === 'ar' ? 'English' : 'العربية';
  $('lang').lang = state.lang === 'ar' ? 'en' : 'ar';
}

/* ---- The API ---- */

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/*
 * path's answer (a Response, its status 2xx), on the session's cookie; a POST of body carries
 * its CSRF token. A refusal throws ApiError with the API's sentence; a 401 shows the sign-in.
 */
async function call(path, body) {
  const headers = {};
  const opts = {headers, credentials: 'same-origin'};
  if (body !== undefined) {
    opts.method = 'POST';
    headers['Content-Type'] = 'application/json';
    if (state.csrf) headers['X-CSRF-Token'] = state.csrf;
    opts.body = JSON.stringify(body);
  }
  const r = await fetch(path, opts);
  if (!r.ok) {
    let answer = null;
    try { answer = await r.json(); } catch (e) { answer = null; }
    if (r.status === 401 && path !== '/v1/session') showLogin();
    throw new ApiError(r.status, (answer && answer.error) || String(r.status));
  }
  return r;
}

/* path's JSON answer (null when it has none), as call() asks it. */
async function api(path, body) {
  const r = await call(path, body);
  try { return await r.json(); } catch (e) { return null; }
}

function query(path, values) {
  const q = new URLSearchParams();
  for (const k in values) if (values[k] !== '' && values[k] !== undefined) q.set(k, values[k]);
  return path + '?' + q;
}

/* The report at path for the chosen dates and store, with extra query values. */
function report(path, extra) {
  return api(query(path, Object.assign({from: $('from').value, to: $('to').value,
                                        store: $('store').value}, extra || {})));
}

/* A lowercase uuid (version 4) from the browser's random numbers. */
function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = Array.from(b, v => v.toString(16).padStart(2, '0')).join('');
  return x.slice(0, 8) + '-' + x.slice(8, 12) + '-' + x.slice(12, 16) + '-' + x.slice(16, 20) +
         '-' + x.slice(20);
}

/* ---- Tables and CSV ---- */

/* One CSV field as the API writes it: text quoted, a leading = + - @ defused. */
function csvField(v) {
  if (typeof v === 'number') return String(v);
  let text = v === undefined || v === null ? '' : String(v);
  if (/^[=+\-@]/.test(text)) text = "'" + text;
  return '"' + text.replace(/"/g, '""') + '"';
}

/* rows as CSV, the columns but those marked csv: false (a button's). */
function toCsv(all, rows) {
  const columns = all.filter(c => c.csv !== false);
  const lines = [columns.map(c => c.key).join(',')];
  for (const r of rows) lines.push(columns.map(c => csvField(c.raw ? c.raw(r) : r[c.key])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/* blob saved by the browser as the file name (its downloads). */
function saveFile(name, blob) {
  const a = h('a', {href: URL.createObjectURL(blob), download: name});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60000);
}

/*
 * A table of rows with columns [{key, label, fmt, num, raw, node, csv}] and a button that
 * downloads it as CSV (raw values: amounts in halalas, the API's column names). A column's
 * node(v, r) makes its cell's content (a button) instead of the text fmt makes; one with
 * csv: false is left out of the CSV. A table wider than the page scrolls on its own, sideways
 * (.wide), instead of widening the page past the screen's edge.
 */
function table(id, columns, rows, rowClass) {
  const head = h('tr', {}, ...columns.map(c => h('th', {text: t(c.label)})));
  const body = rows.map(r => {
    const tr = h('tr', {class: rowClass ? rowClass(r) : null},
                 ...columns.map(c => {
                   const v = c.raw ? c.raw(r) : r[c.key];
                   const td = h('td', {class: c.num ? 'n' : null, 'data-key': c.key,
                                       'data-value': v});
                   if (c.node) td.append(c.node(v, r));
                   else td.textContent = c.fmt ? c.fmt(v, r) : v;
                   return td;
                 }));
    return tr;
  });
  const tbl = h('table', {id}, h('thead', {}, head), h('tbody', {}, ...body));
  const button = h('button', {type: 'button', class: 'csv', 'data-csv': id, text: t('csv')});
  button.addEventListener('click', () => {
    saveFile(id + '.csv', new Blob([toCsv(columns, rows)], {type: 'text/csv;charset=utf-8'}));
  });
  const wide = h('div', {class: 'wide'}, tbl);
  if (rows.length === 0) return h('div', {}, wide, h('p', {class: 'note', text: t('no_rows')}));
  return h('div', {}, wide, button);
}

/* ---- Charts ---- */

/*
 * A bar chart of points [{label, value}], one bar each, labels (fmt) under them; values are
 * halalas unless valueFmt says otherwise (num for counts).
 */
function barChart(id, points, ariaLabel, fmt = digits, valueFmt = sar) {
  const width = 760, height = 260, top = 20, bottom = 40;
  const svg = s('svg', {id, width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
                        'aria-label': ariaLabel});
  const max = Math.max(1, ...points.map(p => p.value));
  const w = (width - 20) / Math.max(1, points.length);
  const every = Math.ceil(points.length / 15);
  points.forEach((p, i) => {
    const bh = Math.round((height - top - bottom) * p.value / max);
    const bar = s('rect', {class: 'bar', x: (10 + i * w + 1).toFixed(1), y: height - bottom - bh,
                           width: Math.max(1, w - 2).toFixed(1), height: bh,
                           'data-label': p.label, 'data-value': p.value});
    bar.append(s('title', {}, fmt(p.label) + ': ' + valueFmt(p.value)));
    svg.append(bar);
    if (i % every === 0)
      svg.append(s('text', {x: (10 + i * w + w / 2).toFixed(1), y: height - bottom + 15,
                            'text-anchor': 'middle'}, fmt(p.short || p.label)));
  });
  svg.append(s('text', {x: 10, y: 14}, valueFmt(max)));
  return svg;
}

/* Every day from from to to (YYYY-MM-DD), so that a day without sales has an empty bar. */
function daysBetween(from, to) {
  const out = [];
  const d = new Date(from + 'T12:00:00');
  for (let i = 0; i < 400 && isoDate(d) <= to; i++) {
    out.push(isoDate(d));
    d.setDate(d.getDate() + 1);
  }
  return out;
}

/* The sums of value(row) per key(row). */
function sumBy(rows, key, value) {
  const out = {};
  for (const r of rows) out[key(r)] = (out[key(r)] || 0) + value(r);
  return out;
}

/* ---- Pages ---- */

const pages = {
  dashboard: pageDashboard,
  sales: pageSales,
  peak: pagePeak,
  stores: pageStores,
  items: pageItems,
  refunds: pageRefunds,
  requests: pageRequests,
  payments: pagePayments,
  profit: pageProfit,
  kitchen: pageKitchen,
  staff: pageStaff,
  actions: pageActions,
  einvoices: pageEinvoices,
  order: pageOrder,
  stock: pageStock,
  prices: pagePrices,
  devices: pageDevices,
  people: pagePeople,
};

function card(label, value, warn, id) {
  return h('div', {class: warn ? 'card warn' : 'card', id},
           h('div', {class: 'label', text: t(label)}), h('div', {class: 'value', text: value}));
}

/* The store the stock pages work on: the chosen one, else the first. */
function stockStore() {
  return $('store').value || state.stores[0] || '';
}

const chainRole = () => !state.person || state.person.role !== 'store-manager';

/* The kiosks' health: the chain's for head office and auditors, the chosen store's for a manager. */
async function kiosks() {
  if (chainRole()) return (await api('/v1/kiosks')).kiosks;
  const store = stockStore();
  return store ? (await api(query('/v1/kiosks', {store}))).kiosks : null;
}

/* A kiosk's health: its heartbeat's age and device states; problems as text keys. */
function kioskProblems(k, now) {
  const out = [];
  if (now - k.at > 300) out.push('stale');
  const devices = k.devices || {};
  for (const name in devices) if (devices[name] !== 'ok') out.push(name + ': ' + devices[name]);
  if (k.unsent > 0) out.push('unsent');
  return out;
}

async function pageDashboard(main) {
  const today = isoDate(new Date());
  const store = $('store').value;
  const sales = (await api(query('/v1/reports/sales',
                                 {from: today, to: today, by: 'store', store}))).rows;
  const total = sales.reduce((a, r) => a + r.total, 0);
  const orders = sales.reduce((a, r) => a + r.orders, 0);
  const refunded = sales.reduce((a, r) => a + r.refunded, 0);
  const alertStores = store ? [store] : state.stores;
  const alerts = [];
  for (const st of alertStores) alerts.push(...(await api(query('/v1/stock/alerts', {store: st}))).alerts);
  const list = await kiosks();
  const now = Date.now() / 1000;
  /* PIN lockouts of the last 24 hours at the stores shown: somebody may be guessing PINs. Their
   * business days from two days ago to tomorrow, then by the time each began. */
  const lockouts = [];
  for (const st of alertStores) {
    const asked = {from: daysAgo(2), to: daysAgo(-1), store: st, kind: 'pin_lockout', limit: 1000};
    lockouts.push(...(await api(query('/v1/staff-actions', asked))).rows
      .filter(r => r.at >= now - 86400));
  }
  const sick = list ? list.filter(k => kioskProblems(k, now).length > 0) : [];
  main.append(h('h2', {text: t('today') + ' ' + dateText(today)}),
              h('div', {class: 'cards'},
                card('sales_today', sar(total), false, 'today-sales'),
                card('orders_today', num(orders), false, 'today-orders'),
                card('refunded', sar(refunded), refunded > 0, 'today-refunded'),
                card('low_stock', num(alerts.length), alerts.length > 0, 'alert-count'),
                list ? card('devices_attention', num(sick.length) + ' / ' + num(list.length),
                            sick.length > 0, 'device-count') : '',
                card('pin_lockouts', num(lockouts.length), lockouts.length > 0, 'lockout-count')));
  if (lockouts.length > 0) {
    main.append(h('h2', {text: t('pin_lockouts')}),
                table('dashboard-lockouts', [
                  {key: 'at', label: 'at', fmt: dateTime},
                  {key: 'store_id', label: 'store'},
                  {key: 'place', label: 'what', fmt: (v, r) => actionLine(r)},
                ], lockouts));
  }
  const from = daysAgo(13);
  const recent = (await api(query('/v1/reports/sales', {from, to: today, by: 'store', store}))).rows;
  const perDay = sumBy(recent, r => r.period, r => r.total);
  main.append(h('h2', {text: t('last_14_days')}),
              barChart('chart-dashboard', daysBetween(from, today).map(d => (
                {label: d, short: d.slice(5), value: perDay[d] || 0})), t('last_14_days'),
                       dateText));
  main.append(h('h2', {text: t('low_stock')}),
              table('dashboard-alerts', stockColumns(), alerts, () => 'low'));
  if (list) {
    main.append(h('h2', {text: t('devices_attention')}),
                table('dashboard-devices', deviceColumns(now), sick));
  }
}

/* A kiosk's id as the sales reports name it; another channel's sales ("channel:<name>") in words. */
const kioskName = v => (v.startsWith('channel:') ? t('channel_source') + v.slice(8) : v);

const salesColumns = [
  {key: 'period', label: 'period', fmt: dateText},
  {key: 'store_id', label: 'store'},
  {key: 'kiosk_id', label: 'kiosk', fmt: kioskName},
  {key: 'orders', label: 'orders', num: true, fmt: num},
  {key: 'total', label: 'total', num: true, fmt: sar},
  {key: 'total_vat', label: 'vat', num: true, fmt: sar},
  {key: 'cancelled', label: 'cancelled', num: true, fmt: num},
  {key: 'refunded', label: 'refunded', num: true, fmt: sar},
  {key: 'net_total', label: 'net_total', num: true, fmt: sar},
];

async function pageSales(main) {
  const from = $('from').value, to = $('to').value;
  const days = (await report('/v1/reports/sales', {by: 'store'})).rows;
  const perDay = sumBy(days, r => r.period, r => r.total);
  main.append(h('h2', {text: t('sales_by_day')}),
              barChart('chart-day', daysBetween(from, to).map(d => (
                {label: d, short: d.slice(5), value: perDay[d] || 0})), t('sales_by_day'),
                       dateText));
  const first = new Date(to + 'T12:00:00');
  first.setDate(1);
  first.setMonth(first.getMonth() - 11);
  const months = (await api(query('/v1/reports/sales', {from: isoDate(first), to, by: 'store',
                                                         group: 'month',
                                                         store: $('store').value}))).rows;
  const perMonth = sumBy(months, r => r.period, r => r.total);
  const monthKeys = [];
  for (let i = 0; i < 12; i++) {
    monthKeys.push(isoDate(first).slice(0, 7));
    first.setMonth(first.getMonth() + 1);
  }
  main.append(h('h2', {text: t('sales_by_month')}),
              barChart('chart-month', monthKeys.map(m => ({label: m, value: perMonth[m] || 0})),
                       t('sales_by_month'), dateText));
  main.append(h('h2', {text: t('sales_table')}), table('sales', salesColumns, days));
}

async function pagePeak(main) {
  const rows = (await report('/v1/reports/peak')).rows;
  const cellW = 30, cellH = 26, left = 80, top = 24;
  const svg = s('svg', {id: 'heatmap', width: left + 24 * cellW + 10, height: top + 7 * cellH + 10,
                        role: 'img', 'aria-label': t('peak')});
  const byCell = {};
  for (const r of rows) byCell[r.weekday * 24 + r.hour] = r;
  const max = Math.max(1, ...rows.map(r => r.orders));
  for (let hr = 0; hr < 24; hr += 2)
    svg.append(s('text', {x: left + hr * cellW + cellW / 2, y: 16, 'text-anchor': 'middle'},
                 digits(hr)));
  for (let d = 0; d < 7; d++) {
    svg.append(s('text', {x: left - 6, y: top + d * cellH + cellH / 2 + 4, 'text-anchor': 'end'},
                 t('weekdays')[d]));
    for (let hr = 0; hr < 24; hr++) {
      const r = byCell[d * 24 + hr];
      const rect = s('rect', {class: r ? 'cell' : 'empty', x: left + hr * cellW + 1,
                              y: top + d * cellH + 1, width: cellW - 2, height: cellH - 2,
                              'data-weekday': d, 'data-hour': hr, 'data-orders': r ? r.orders : 0});
      if (r) {
        rect.setAttribute('fill-opacity', (0.15 + 0.85 * r.orders / max).toFixed(2));
        rect.append(s('title', {}, t('weekdays')[d] + ' ' + digits(hr + ':00') + ': ' +
                                   num(r.orders) + ' ' + t('orders') + ', ' + sar(r.total)));
      }
      svg.append(rect);
    }
  }
  main.append(h('h2', {text: t('peak')}), h('p', {class: 'note', text: t('peak_note')}), svg,
              h('h2', {text: t('peak_table')}),
              table('peak', [
                {key: 'weekday', label: 'weekday', fmt: v => t('weekdays')[v]},
                {key: 'hour', label: 'hour', num: true, fmt: v => digits(v + ':00')},
                {key: 'orders', label: 'orders', num: true, fmt: num},
                {key: 'total', label: 'total', num: true, fmt: sar},
              ], rows));
}

async function pageStores(main) {
  const rows = (await report('/v1/reports/sales', {by: 'kiosk'})).rows;
  const sum = {};
  for (const r of rows) {
    const k = r.store_id + '\u0000' + r.kiosk_id;
    const a = sum[k] || (sum[k] = {store_id: r.store_id, kiosk_id: r.kiosk_id, orders: 0,
                                    total: 0, refunded: 0, net_total: 0, cancelled: 0});
    for (const f of ['orders', 'total', 'refunded', 'net_total', 'cancelled']) a[f] += r[f];
  }
  const perKiosk = Object.values(sum);
  const perStore = [...new Set(perKiosk.map(r => r.store_id))].sort().map(st => {
    const of = perKiosk.filter(r => r.store_id === st);
    return {store_id: st, orders: of.reduce((a, r) => a + r.orders, 0),
            total: of.reduce((a, r) => a + r.total, 0),
            net_total: of.reduce((a, r) => a + r.net_total, 0)};
  });
  main.append(h('h2', {text: t('per_store')}),
              table('per-store', [
                {key: 'store_id', label: 'store'},
                {key: 'orders', label: 'orders', num: true, fmt: num},
                {key: 'total', label: 'total', num: true, fmt: sar},
                {key: 'net_total', label: 'net_total', num: true, fmt: sar},
              ], perStore),
              h('h2', {text: t('per_kiosk')}),
              table('per-kiosk', [
                {key: 'store_id', label: 'store'},
                {key: 'kiosk_id', label: 'kiosk', fmt: kioskName},
                {key: 'orders', label: 'orders', num: true, fmt: num},
                {key: 'cancelled', label: 'cancelled', num: true, fmt: num},
                {key: 'total', label: 'total', num: true, fmt: sar},
                {key: 'refunded', label: 'refunded', num: true, fmt: sar},
                {key: 'net_total', label: 'net_total', num: true, fmt: sar},
              ], perKiosk));
  await storeForm(main);
}

async function pageItems(main) {
  const rows = (await report('/v1/reports/items', {sort: 'revenue', limit: 50})).rows;
  main.append(h('h2', {text: t('items')}),
              table('items', [
                {key: 'item_id', label: 'item_id'},
                {key: state.lang === 'ar' ? 'name_ar' : 'name_en', label: 'item'},
                {key: 'quantity', label: 'quantity', num: true,
                 fmt: (v, r) => r.unit === 'kg' ? num(v) + ' ' + t('grams') : num(v)},
                {key: 'orders', label: 'orders', num: true, fmt: num},
                {key: 'revenue', label: 'revenue', num: true, fmt: sar},
              ], rows));
}

async function pageRefunds(main) {
  const rows = (await report('/v1/reports/refunds')).rows;
  const perMethod = Object.entries(sumBy(rows, r => r.method, r => r.amount))
    .map(([method, amount]) => ({method, refunds: rows.filter(r => r.method === method)
      .reduce((a, r) => a + r.refunds, 0), amount}));
  const method = v => t('method_' + v);
  main.append(h('h2', {text: t('payment_methods')}),
              h('p', {class: 'note', text: t('payment_note')}),
              table('refund-methods', [
                {key: 'method', label: 'method', fmt: method},
                {key: 'refunds', label: 'refunds', num: true, fmt: num},
                {key: 'amount', label: 'amount', num: true, fmt: sar},
              ], perMethod),
              h('h2', {text: t('refunds')}),
              table('refunds', [
                {key: 'method', label: 'method', fmt: method},
                {key: 'reason', label: 'reason'},
                {key: 'refunds', label: 'refunds', num: true, fmt: num},
                {key: 'amount', label: 'amount', num: true, fmt: sar},
                {key: 'vat', label: 'vat', num: true, fmt: sar},
              ], rows));
}

/* How the orders were paid: the amount per method and brand as bars, then the table. */
async function pagePayments(main) {
  const rows = (await report('/v1/reports/payments')).rows;
  const way = r => t('paid_' + r.method) + (r.brand ? ' ' + r.brand : '');
  main.append(h('h2', {text: t('payments')}), h('p', {class: 'note', text: t('payments_note')}),
              barChart('chart-payments', rows.map(r => ({label: way(r), value: r.amount})),
                       t('payments')),
              h('h2', {text: t('payments_table')}),
              table('payments', [
                {key: 'method', label: 'method', fmt: v => t('paid_' + v)},
                {key: 'brand', label: 'brand'},
                {key: 'orders', label: 'orders', num: true, fmt: num},
                {key: 'amount', label: 'amount', num: true, fmt: sar},
                {key: 'refunds', label: 'refunds_count', num: true, fmt: num},
                {key: 'refunded', label: 'refunded', num: true, fmt: sar},
                {key: 'net', label: 'net_total', num: true, fmt: sar},
              ], rows));
}

/* Basis points as a percentage with two decimals, by integer arithmetic: 5548 -> "55.48 %". */
function percent(bp) {
  const abs = Math.abs(bp), point = state.lang === 'ar' ? '\u066b' : '.';
  return (bp < 0 ? '-' : '') + num(Math.trunc(abs / 100)) + point +
         digits(String(abs % 100).padStart(2, '0')) + ' %';
}

/*
 * Profit per item at the cost each sale took when it was stored; an item sold without a cost
 * shows "no cost", never a full margin. Head office sets the costs here.
 */
async function pageProfit(main) {
  const rows = (await report('/v1/reports/profit')).rows;
  const costed = (fmt) => (v, r) => r.uncosted > 0 ? t('no_cost') : fmt(v);
  main.append(h('h2', {text: t('profit')}), h('p', {class: 'note', text: t('profit_note')}),
              table('profit', [
                {key: 'item_id', label: 'item_id'},
                {key: state.lang === 'ar' ? 'name_ar' : 'name_en', label: 'item'},
                {key: 'quantity', label: 'quantity', num: true,
                 fmt: (v, r) => r.unit === 'kg' ? num(v) + ' ' + t('grams') : num(v)},
                {key: 'net', label: 'net_sales', num: true, fmt: sar},
                {key: 'cost', label: 'cost', num: true, fmt: costed(sar)},
                {key: 'uncosted', label: 'uncosted', num: true, fmt: num},
                {key: 'margin', label: 'margin', num: true, fmt: costed(sar)},
                {key: 'margin_bp', label: 'margin_pct', num: true, fmt: costed(percent)},
              ], rows, r => r.uncosted > 0 ? 'low' : null));
  const costs = (await api('/v1/costs')).costs;
  if (state.person && state.person.role === 'head-office') {
    const form = h('form', {id: 'cost', class: 'inline'},
      h('label', {}, h('span', {text: t('item_id')}),
        h('input', {id: 'cost-item', required: '', maxlength: 64})),
      h('label', {}, h('span', {text: t('unit_cost')}),
        h('input', {id: 'cost-value', inputmode: 'decimal', required: '', maxlength: 10,
                    placeholder: '7.50'})),
      h('button', {id: 'cost-submit', text: t('adjust')}),
      h('span', {id: 'cost-msg', role: 'status'}));
    form.addEventListener('submit', async ev => {
      ev.preventDefault();
      const cost = halalas($('cost-value').value);
      if (Number.isNaN(cost)) {
        $('cost-msg').textContent = t('bad_price');
        return;
      }
      try {
        await api('/v1/costs', {item_id: $('cost-item').value, unit_cost: cost});
        await show();
      } catch (e) {
        $('cost-msg').textContent = e.message;
      }
    });
    main.append(h('h2', {text: t('cost_title')}), h('p', {class: 'note', text: t('cost_note')}),
                form);
  }
  main.append(h('h2', {text: t('costs')}),
              table('costs', [
                {key: 'item_id', label: 'item_id'},
                {key: 'unit_cost', label: 'unit_cost', num: true, fmt: sar},
              ], costs));
}

/* Kitchen speed per hour over two days at most, per business day up to two months, else per month. */
async function pageKitchen(main) {
  const days = (Date.parse($('to').value) - Date.parse($('from').value)) / 86400000 + 1;
  const group = days <= 2 ? 'hour' : days <= 62 ? 'day' : 'month';
  const rows = (await report('/v1/reports/kitchen', {group})).rows;
  const first = group === 'hour' ? 'hour' : 'period';
  main.append(h('h2', {text: t('kitchen')}), h('p', {class: 'note', text: t('kitchen_note')}),
              table('kitchen', [
                {key: first, label: first, fmt: dateText},
                {key: 'store_id', label: 'store'},
                {key: 'station', label: 'station', fmt: v => v || t('whole_order')},
                {key: 'orders', label: 'orders', num: true, fmt: num},
                {key: 'ready_avg_s', label: 'ready_avg', num: true, fmt: mmss},
                {key: 'ready_p90_s', label: 'ready_p90', num: true, fmt: mmss},
                {key: 'collected', label: 'collected', num: true, fmt: num},
                {key: 'collect_avg_s', label: 'collect_avg', num: true, fmt: mmss},
              ], rows));
}

/*
 * The staff report: the lanes' attendant interventions per staff member as bars, then the table
 * (per need, the waits' median and 90th percentile, voids, and the refunds each person asked).
 */
async function pageStaff(main) {
  const rows = (await report('/v1/reports/staff')).rows;
  const who = r => (state.stores.length > 1 || !$('store').value ? r.store_id + ' ' : '') + r.staff;
  const needs = ['age', 'removal', 'bagging', 'unknown', 'help', 'idle', 'unasked'];
  main.append(h('h2', {text: t('staff')}), h('p', {class: 'note', text: t('staff_note')}),
              barChart('chart-staff', rows.filter(r => r.interventions > 0)
                         .map(r => ({label: who(r), value: r.interventions})),
                       t('staff'), v => v, num),
              h('h2', {text: t('staff_table')}),
              table('staff', [
                {key: 'store_id', label: 'store'},
                {key: 'staff', label: 'staff_member'},
                {key: 'interventions', label: 'interventions', num: true, fmt: num},
                ...needs.map(n => ({key: n, label: 'need_' + n, num: true, fmt: num})),
                {key: 'wait_p50_s', label: 'wait_p50', num: true, fmt: mmss},
                {key: 'wait_p90_s', label: 'wait_p90', num: true, fmt: mmss},
                {key: 'voids', label: 'voids', num: true, fmt: num},
                {key: 'voided', label: 'voided', num: true, fmt: sar},
                {key: 'refunds_asked', label: 'refunds_asked', num: true, fmt: num},
                {key: 'refunds_done', label: 'refunds_done', num: true, fmt: num},
                {key: 'refunded', label: 'refunded', num: true, fmt: sar},
                {key: 'soldout_marks', label: 'soldout_marks', num: true, fmt: num},
                {key: 'reprints', label: 'reprints', num: true, fmt: num},
                {key: 'unpaid_interventions', label: 'unpaid_interventions', num: true, fmt: num},
                {key: 'paying_interventions', label: 'paying_interventions', num: true, fmt: num},
                {key: 'lost_interventions', label: 'lost_interventions', num: true, fmt: num},
              ], rows));
}

/* ---- Single staff actions ---- */

/* The staff actions page's own choices: a person, a kind, the page (from 0). */
const actionsView = {staff: '', kind: '', page: 0};
const ACTION_KINDS = ['sold_out', 'on_sale', 'reprint', 'intervention', 'paying', 'refund',
                      'sign_in', 'pin_lockout', 'close', 'open'];
const ACTIONS_PAGE = 100;

/* Where a sign-in or PIN lockout was: "lane kiosk-03", "console att-01" and so on. */
function placeText(r) {
  return t('place_' + r.place).replace('{device}', r.kiosk_id);
}

/*
 * A sign-in or PIN lockout as a line a manager reads: "PIN locked at lane kiosk-03 for 5 min
 * after 3 wrong PINs" (the lockout's end is stored rounded up to its second: whole minutes).
 */
function actionLine(r) {
  if (r.kind === 'pin_lockout') {
    return t('line_pin_lockout').replace('{place}', placeText(r))
      .replace('{min}', num(Math.round((r.until_at - r.at) / 60))).replace('{n}', num(r.failures));
  }
  if (r.kind === 'sign_in') return t('line_sign_in').replace('{place}', placeText(r));
  /* A decision while paying whose order never reached head office: which order is missing (its
   * uuid isolated left to right inside either language's sentence). */
  if (r.kind === 'paying' && r.paying_state === 'lost')
    return t('line_paying_lost').replace('{uuid}', '\u2066' + r.order_uuid + '\u2069');
  return '';
}

/* Who did it: nobody is known at a PIN lockout; no name at all is the kiosk's shared PIN. */
const actionWho = (s, r) => s || t(r.kind === 'pin_lockout' ? 'nobody_known' : 'shared_pin');

/* The address of the order page of uuid. */
const orderHref = uuid => '#order/' + uuid;

/* An order's number as the kiosk printed it, a link to its page (its uuid on hover). */
function orderCell(v, r) {
  return v ? h('a', {class: 'order', href: orderHref(r.order_uuid), title: r.order_uuid,
                     text: '#' + digits(v)})
           : document.createTextNode('');
}

/* An order's uuid as a link to its page. */
function orderLink(uuid) {
  return uuid ? h('a', {class: 'order', href: orderHref(uuid), text: uuid})
              : document.createTextNode('');
}

/*
 * Each thing staff did at the kiosks, one row each, newest first, a page of 100: sold-out marks,
 * reprints and refunds with the order's number, the lanes' interventions and decisions while
 * paying (need, decision, wait, a void's amount), sign-ins and PIN lockouts at kiosks, lanes and
 * attendant consoles (a line saying where, and a lockout's length and wrong PINs), a kiosk closed
 * and opened. By person and kind; CSV of the page in the browser or of up to 1,000 rows from the
 * API's writer.
 */
async function pageActions(main) {
  const v = actionsView;
  const asked = {staff: v.staff, kind: v.kind, limit: ACTIONS_PAGE, page: v.page};
  const rows = (await report('/v1/staff-actions', asked)).rows;
  const staff = h('input', {id: 'actions-staff', value: v.staff, maxlength: 64, size: 16,
                            pattern: '[a-z0-9._@\\-]+'});
  const kind = h('select', {id: 'actions-kind'},
                 h('option', {value: '', text: t('all_kinds')}),
                 ...ACTION_KINDS.map(k => h('option', {value: k, text: t('act_' + k)})));
  kind.value = v.kind;
  const form = h('form', {id: 'actions-filter', class: 'inline'},
                 h('label', {}, h('span', {text: t('staff_member')}), staff),
                 h('label', {}, h('span', {text: t('kind')}), kind),
                 h('button', {text: t('show')}));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    Object.assign(actionsView, {staff: staff.value.trim(), kind: kind.value, page: 0});
    show();
  });
  const turn = (id, label, page, enabled) => {
    const b = h('button', {type: 'button', id, text: t(label)});
    b.disabled = !enabled;
    b.addEventListener('click', () => { actionsView.page = page; show(); });
    return b;
  };
  const serverCsv = h('a', {id: 'actions-csv', download: 'staff-actions.csv', text: t('actions_csv'),
                            href: query('/v1/staff-actions', {from: $('from').value, to: $('to').value,
                                        store: $('store').value, staff: v.staff, kind: v.kind,
                                        limit: 1000, page: 0, format: 'csv'})});
  main.append(h('h2', {text: t('actions_title')}), h('p', {class: 'note', text: t('actions_note')}),
              form,
              table('actions', [
                {key: 'at', label: 'at', fmt: dateTime},
                {key: 'store_id', label: 'store'},
                {key: 'kiosk_id', label: 'kiosk'},
                {key: 'staff', label: 'staff_member', fmt: actionWho},
                {key: 'kind', label: 'kind', fmt: k => t('act_' + k)},
                {key: 'place', label: 'what', fmt: (v, r) => actionLine(r)},
                {key: 'item', label: 'item_id'},
                {key: 'order_number', label: 'order_no', num: true, node: orderCell},
                {key: 'need', label: 'need', fmt: n => n ? t('need_' + n) : ''},
                {key: 'decision', label: 'decision'},
                {key: 'wait_s', label: 'wait', num: true,
                 fmt: (s, r) => r.need ? mmss(s) : ''},
                {key: 'amount', label: 'amount', num: true, fmt: a => a ? sar(a) : ''},
              ], rows),
              h('p', {class: 'pages'},
                turn('actions-prev', 'prev_page', v.page - 1, v.page > 0),
                h('span', {id: 'actions-page', text: ' ' + t('page_n') + ' ' + digits(v.page + 1) + ' '}),
                turn('actions-next', 'next_page', v.page + 1, rows.length === ACTIONS_PAGE)),
              h('p', {}, serverCsv));
}

/* ---- One order ---- */

/* A line's name in the page's language, its options and choices after it. */
function lineName(l) {
  const name = o => (o && (o[state.lang] || o.en)) || '';
  const details = (l.details || []).map(d => name(d.name)).filter(n => n);
  return name(l.name) + (details.length ?
    ' (' + details.join(state.lang === 'ar' ? '، ' : ', ') + ')' : '');
}

/* An attendant's decision: who, for what, what, and the wait from the lane's call. */
const decisionColumns = [
  {key: 'staff', label: 'staff_member'},
  {key: 'need', label: 'need', fmt: n => t('need_' + n)},
  {key: 'decision', label: 'decision'},
  {key: 'wait', label: 'wait', num: true, raw: r => r.decided_at - r.raised_at, fmt: mmss},
];

/* A term and its value, for the order's facts. */
function fact(id, label, value) {
  return h('div', {class: 'fact', id}, h('dt', {text: t(label)}), h('dd', {}, value));
}

/* The find box: a store, a business date and a number, as a receipt shows them. */
function orderFind(main) {
  const store = h('select', {id: 'order-store'},
                  ...state.stores.map(st => h('option', {value: st, text: st})));
  store.value = stockStore() || '';
  const date = h('input', {id: 'order-date', type: 'date', required: '', value: $('to').value});
  const number = h('input', {id: 'order-number', type: 'number', required: '', min: 1,
                             max: 2147483647, size: 8});
  const found = h('p', {id: 'order-found', class: 'msg', role: 'status'});
  const form = h('form', {id: 'order-find', class: 'inline'},
                 h('label', {}, h('span', {text: t('store')}), store),
                 h('label', {}, h('span', {text: t('order_date')}), date),
                 h('label', {}, h('span', {text: t('order_number')}), number),
                 h('button', {text: t('order_find')}), found);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      const answer = await api(query('/v1/orders', {store: store.value, date: date.value,
                                                    number: number.value}));
      if (answer.orders.length === 1) {
        location.hash = orderHref(answer.orders[0].uuid);
        return;
      }
      found.replaceChildren(answer.orders.length ? t('order_several') : t('order_none'),
                            ...answer.orders.map(o => h('span', {}, ' ', o.kiosk_id, ': ',
                                                        orderLink(o.uuid))));
    } catch (e) {
      found.textContent = e.message;
    }
  });
  main.append(h('h2', {text: t('order_find_title')}), h('p', {class: 'note', text: t('order_note')}),
              form);
}

/*
 * One order as the backend keeps it (GET /v1/orders/{uuid}): its facts, lines with their options
 * and prices, VAT, payment, refunds and refund requests, the attendants' interventions and the
 * decisions taken while it was being paid, its kitchen events and its e-invoices; the find box
 * above it.
 */
async function pageOrder(main) {
  orderFind(main);
  if (!state.order) return;
  let o;
  try {
    o = await api('/v1/orders/' + encodeURIComponent(state.order));
  } catch (e) {
    if (e.status !== 404) throw e;
    main.append(h('p', {class: 'bad', id: 'order-missing', text: t('order_missing')}));
    return;
  }
  const paid = o.payment.method ? t('paid_' + o.payment.method) +
    (o.payment.brand ? ' ' + o.payment.brand : '') : '';
  const lines = o.order.lines.map((l, i) => Object.assign({line_no: i, label: lineName(l)}, l));
  main.append(
    h('h2', {id: 'order-title', text: t('order_title') + ' #' + digits(o.number)}),
    h('dl', {class: 'facts', id: 'order-facts'},
      fact('order-status', 'order_status', t('status_' + o.status)),
      fact('order-store-id', 'store', o.store_id),
      fact('order-kiosk', 'kiosk', o.kiosk_id),
      fact('order-day', 'order_date', dateText(o.business_date)),
      fact('order-created', 'order_created', dateTime(o.created_at)),
      fact('order-received', 'order_received', dateTime(o.received_at)),
      fact('order-paid', 'order_paid', paid),
      /* The card terminal's reference, read out to the acquirer: left to right in Arabic too. */
      fact('order-terminal-ref', 'order_terminal_ref',
           h('bdi', {dir: 'ltr', text: o.payment.terminal_ref || '-'})),
      fact('order-net', 'order_net', sar(o.total_net)),
      fact('order-vat', 'vat', sar(o.total_vat)),
      fact('order-total', 'order_total', sar(o.total)),
      fact('order-uuid', 'einv_uuid', o.uuid)),
    h('h2', {text: t('order_lines')}),
    table('order-lines', [
      {key: 'line_no', label: 'order_line', num: true, fmt: digits},
      {key: 'label', label: 'item'},
      {key: 'quantity', label: 'quantity', num: true,
       fmt: (q, l) => l.unit === 'kg' ? num(q) + ' ' + t('grams') : num(q)},
      {key: 'unit_price', label: 'order_unit_price', num: true, fmt: sar},
      {key: 'discount', label: 'order_discount', num: true, fmt: sar},
      {key: 'vat', label: 'vat', num: true, fmt: sar},
      {key: 'gross', label: 'order_line_total', num: true, fmt: sar},
    ], lines),
    table('order-vat', [
      {key: 'rate_bp', label: 'vat_rate', num: true, fmt: percent},
      {key: 'taxable', label: 'taxable', num: true, fmt: sar},
      {key: 'vat', label: 'vat', num: true, fmt: sar},
    ], o.order.vat || []),
    h('h2', {text: t('order_refunds')}),
    table('order-refunds', [
      {key: 'at', label: 'at', fmt: dateTime},
      {key: 'method', label: 'method', fmt: m => t('method_' + m)},
      {key: 'amount', label: 'amount', num: true, fmt: sar},
      {key: 'vat', label: 'vat', num: true, fmt: sar},
      {key: 'reason', label: 'reason'},
      {key: 'staff', label: 'staff_member'},
      {key: 'terminal_ref', label: 'order_terminal_ref', node: v => h('bdi', {dir: 'ltr', text: v})},
      {key: 'refund_id', label: 'refund_id'},
    ], o.refunds),
    h('h2', {text: t('page_requests')}),
    table('order-requests', [
      {key: 'asked_at', label: 'at', fmt: dateTime},
      {key: 'person', label: 'person'},
      {key: 'reason', label: 'reason'},
      {key: 'status', label: 'request_status', fmt: v => t('request_' + v)},
      {key: 'refused_reason', label: 'refused_reason'},
      {key: 'refund_id', label: 'refund_id'},
    ], o.refund_requests),
    h('h2', {text: t('order_interventions')}),
    table('order-interventions', [
      ...decisionColumns,
      {key: 'void_item', label: 'item_id'},
      {key: 'void_amount', label: 'amount', num: true, fmt: a => a ? sar(a) : ''},
    ], o.interventions),
    h('h2', {text: t('order_paying')}),
    table('order-paying', [
      ...decisionColumns,
      {key: 'state', label: 'order_paying_state', fmt: v => t('paying_' + v)},
    ], o.paying_decisions),
    h('h2', {text: t('order_kitchen')}),
    table('order-kitchen', [
      {key: 'at', label: 'at', fmt: dateTime},
      {key: 'status', label: 'order_status', fmt: v => t('kitchen_' + v)},
      {key: 'station', label: 'order_station'},
    ], o.kitchen),
    h('h2', {text: t('einv_documents_title')}),
    table('order-einvoices', [
      {key: 'number', label: 'einv_number'},
      {key: 'kind', label: 'einv_kind', fmt: v => t('einv_kind_' + v)},
      {key: 'device_id', label: 'kiosk'},
      {key: 'icv', label: 'einv_icv', num: true, fmt: num},
      {key: 'issued', label: 'einv_issued', fmt: dateText},
      {key: 'payable', label: 'einv_payable', num: true, fmt: sar},
    ], o.einvoices));
}

/* ---- The e-invoice archive ---- */

/* A refusal of the archive as a sentence a reader can act on: 403 and 404 have their own. */
function archiveRefusal(e) {
  if (e.status === 403) return t('einv_forbidden');
  if (e.status === 404) return t('einv_missing');
  return e.message;
}

/* The signed XML of doc, byte for byte as its kiosk signed it, saved as "<number>.xml". */
async function einvoiceXml(store, doc) {
  $('einv-msg').textContent = '';
  try {
    const r = await call(query('/v1/einvoices/' + encodeURIComponent(doc.uuid), {store}));
    saveFile(doc.number + '.xml', await r.blob());
  } catch (e) {
    $('einv-msg').textContent = archiveRefusal(e);
  }
}

/* One labelled figure of a chain's panel (its own line: the page's direction lays it out). */
function figure(label, value, cls) {
  return h('div', {class: 'figure'}, h('dt', {text: t(label)}),
           h('dd', {class: cls || null, 'data-figure': label, text: value}));
}

/*
 * A device's chain as its store's accountant reads it: whole, incomplete or broken in words
 * and colour, what is wrong first, the counts and the money (invoices less credit notes).
 */
function chainPanel(chain) {
  const status = chain.status;
  const what = status === 'whole' ? t('einv_whole_note')
             : status === 'incomplete' ? t('einv_incomplete_note') + ' ' + num(chain.first_missing)
             : t('einv_broken_note') + ' ' + num(chain.first_break);
  return h('section', {class: 'chain ' + status, id: 'chain-' + chain.device_id,
                       'data-status': status},
           h('h3', {}, h('bdi', {text: chain.device_id}), ' ',
             h('span', {class: 'status', text: t('einv_' + status)})),
           h('p', {text: what}),
           h('dl', {},
             figure('einv_documents', num(chain.documents)),
             figure('einv_icvs', chain.documents ? num(chain.first_icv) + ' – ' +
                                                   num(chain.last_icv) : ''),
             figure('einv_missing_count', num(chain.missing), chain.missing ? 'bad' : null),
             figure('einv_first_missing', chain.missing ? num(chain.first_missing) : '—'),
             figure('einv_forks', num(chain.forks), chain.forks ? 'bad' : null),
             figure('einv_breaks', num(chain.breaks), chain.breaks ? 'bad' : null),
             figure('einv_first_break', chain.first_break ? num(chain.first_break) : '—'),
             figure('einv_net', sar(chain.net_payable))));
}

/* The most documents the e-invoices page lists (the API's most). */
const EINVOICE_LIMIT = 1000;

/*
 * The chosen store's e-invoice archive: each device's whole chain, then the documents issued in
 * the chosen dates (at most EINVOICE_LIMIT), each one's signed XML a click away; a kiosk picker
 * narrows both to one device.
 */
async function pageEinvoices(main) {
  const store = stockStore();
  if (!store) {
    main.append(h('p', {class: 'note', text: t('no_store')}));
    return;
  }
  const seen = state.devices[store] || [];
  const device = seen.includes(state.device) ? state.device : '';
  let answer;
  try {
    answer = await report('/v1/einvoices', {store, device, limit: EINVOICE_LIMIT});
  } catch (e) {
    if (e.status !== 403 && e.status !== 404) throw e;
    main.append(h('p', {class: 'bad', id: 'einv-refused', text: archiveRefusal(e)}));
    return;
  }
  if (!device) state.devices[store] = answer.chains.map(c => c.device_id);
  const picker = h('select', {id: 'einv-device'},
                   h('option', {value: '', text: t('einv_all_devices')}),
                   ...(state.devices[store] || []).map(d => h('option', {value: d, text: d})));
  picker.value = device;
  picker.addEventListener('change', () => {
    state.device = picker.value;
    show();
  });
  const docs = answer.documents;
  main.append(h('h2', {text: t('einv_title') + ' ' + store}),
              h('p', {class: 'note', text: t('einv_note')}),
              h('form', {class: 'inline', id: 'einv-filter'},
                h('label', {}, h('span', {text: t('kiosk')}), picker)),
              h('h2', {text: t('einv_chains')}),
              answer.chains.length ? h('div', {class: 'chains'}, ...answer.chains.map(chainPanel))
                                   : h('p', {class: 'note', text: t('einv_no_chain')}),
              h('h2', {text: t('einv_documents_title')}),
              h('p', {id: 'einv-msg', class: 'msg', role: 'alert'}),
              docs.length === EINVOICE_LIMIT ? h('p', {class: 'note', text: t('einv_limit')}) : '',
              table('einvoices', [
                {key: 'device_id', label: 'kiosk'},
                {key: 'number', label: 'einv_number'},
                {key: 'kind', label: 'einv_kind', fmt: v => t('einv_kind_' + v)},
                {key: 'icv', label: 'einv_icv', num: true, fmt: num},
                {key: 'issued', label: 'einv_issued', fmt: dateText},
                {key: 'payable', label: 'einv_payable', num: true, fmt: sar},
                {key: 'uuid', label: 'einv_uuid'},
                {key: 'order_uuid', label: 'order_uuid', node: orderLink},
                {key: 'xml', label: 'einv_xml', csv: false,
                 node: (v, r) => {
                   const b = h('button', {type: 'button', class: 'xml', 'data-uuid': r.uuid,
                                          text: t('einv_download')});
                   b.addEventListener('click', () => einvoiceXml(store, r));
                   return b;
                 }},
              ], docs));
}

function stockColumns() {
  return [
    {key: 'store_id', label: 'store'},
    {key: 'item_id', label: 'item_id'},
    {key: 'on_hand', label: 'on_hand', num: true, fmt: num},
    {key: 'low_at', label: 'low_at', num: true, fmt: num},
  ];
}

async function pageStock(main) {
  const store = stockStore();
  if (!store) {
    main.append(h('p', {class: 'note', text: t('no_store')}));
    return;
  }
  const stock = await api(query('/v1/stock', {store, limit: 20}));
  const form = h('form', {id: 'adjust', class: 'inline'},
    h('label', {}, h('span', {text: t('item_id')}),
      h('input', {id: 'adjust-item', required: '', maxlength: 64, list: 'stock-items',
                  pattern: '[a-z0-9_.\\-]+'})),
    h('datalist', {id: 'stock-items'}, ...stock.levels.map(l => h('option', {value: l.item_id}))),
    h('label', {}, h('span', {text: t('kind')}),
      h('select', {id: 'adjust-kind'}, ...['received', 'waste', 'count'].map(k =>
        h('option', {value: k, text: t('kind_' + k)})))),
    h('label', {}, h('span', {text: t('quantity')}),
      h('input', {id: 'adjust-quantity', type: 'number', min: 0, max: 1000000000, step: 1,
                  required: ''})),
    h('label', {}, h('span', {text: t('reason')}),
      h('input', {id: 'adjust-reason', required: '', maxlength: 120})),
    h('button', {id: 'adjust-submit', text: t('adjust')}),
    h('span', {id: 'adjust-msg', role: 'status'}));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const body = {request_id: uuid(), store_id: store, item_id: $('adjust-item').value,
                  kind: $('adjust-kind').value, quantity: Number($('adjust-quantity').value),
                  reason: $('adjust-reason').value,
                  person: state.person.name};
    try {
      const answer = await api('/v1/stock/adjustments', body);
      await show();
      $('adjust-msg').textContent = t('adjusted') + ' ' + num(answer.on_hand);
    } catch (e) {
      $('adjust-msg').textContent = e.message;
    }
  });
  main.append(h('h2', {text: t('stock') + ' ' + store}),
              table('stock', [...stockColumns(), {key: 'held', label: 'held', num: true, fmt: num}],
                    stock.levels,
                    r => r.on_hand <= r.low_at ? 'low' : null),
              h('h2', {text: t('adjust_title')}), form,
              h('h2', {text: t('moves')}),
              table('moves', [
                {key: 'at', label: 'at', fmt: dateTime},
                {key: 'item_id', label: 'item_id'},
                {key: 'quantity', label: 'quantity', num: true, fmt: num},
                {key: 'on_hand', label: 'on_hand', num: true, fmt: num},
                {key: 'reason', label: 'reason'},
                {key: 'person', label: 'person'},
              ], stock.moves));
}

/* A price typed in riyals ("19.5", "19.50", "19") as halalas by string arithmetic; NaN if not. */
function halalas(text) {
  const m = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  return m ? Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0')) : NaN;
}

/* A price form's item picker and riyals field: ids prefix-item and prefix-value. */
function priceFields(prefix, items) {
  return [h('label', {}, h('span', {text: t('item')}),
            h('select', {id: prefix + '-item'}, ...items.map(i =>
              h('option', {value: i.item_id, text: i.name})))),
          h('label', {}, h('span', {text: t('new_price')}),
            h('input', {id: prefix + '-value', inputmode: 'decimal', required: '', maxlength: 10,
                        placeholder: '19.50'}))];
}

/*
 * form's submit sends its prefix-value field as halalas (parse's; bad's text in prefix-msg when
 * it is none) and its prefix-clear button null (back to the menu's), through send(amount).
 */
function amountForm(form, prefix, send, parse = halalas, bad = 'bad_price') {
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const amount = parse($(prefix + '-value').value);
    if (Number.isNaN(amount)) $(prefix + '-msg').textContent = t(bad);
    else send(amount);
  });
  form.querySelector('#' + prefix + '-clear').addEventListener('click', () => send(null));
}

async function pagePrices(main) {
  const store = stockStore();
  if (!store) {
    main.append(h('p', {class: 'note', text: t('no_store')}));
    return;
  }
  const menu = await api(query('/v1/menu', {store}));
  const own = {}, ownSale = {};
  for (const p of (await api(query('/v1/prices', {store}))).prices) own[p.item_id] = p.price;
  for (const a of (await api(query('/v1/availability', {store}))).availability)
    ownSale[a.item_id] = a.available;
  const name = item => (item.name && item.name[state.lang]) || item.id;
  // The menu the kiosks pull has the store's own availability in its sold_out marks.
  const items = menu.items.map(item => ({item_id: item.id, name: name(item), price: item.price,
                                         store_price: item.id in own ? own[item.id] : '',
                                         on_sale: item.sold_out ? 0 : 1,
                                         own_sale: item.id in ownSale}));
  const form = h('form', {id: 'price', class: 'inline'}, ...priceFields('price', items),
    h('button', {id: 'price-submit', text: t('adjust')}),
    h('button', {id: 'price-clear', type: 'button', text: t('menu_price_again')}),
    h('button', {id: 'sale-off', type: 'button', text: t('stop_selling')}),
    h('button', {id: 'sale-on', type: 'button', text: t('sell_here')}),
    h('button', {id: 'sale-clear', type: 'button', text: t('menu_sale_again')}),
    h('span', {id: 'price-msg', role: 'status'}));
  // One change of the store's terms (body without store_id), its refusal shown in msg.
  const change = async (url, body, msg) => {
    try {
      await api(url, Object.assign({store_id: store}, body));
      await show();
    } catch (e) {
      $(msg).textContent = e.message;
    }
  };
  const itemChange = (url, member, value) =>
    change(url, {item_id: $('price-item').value, [member]: value}, 'price-msg');
  const send = price => itemChange('/v1/prices', 'price', price);
  for (const [id, available] of [['sale-off', false], ['sale-on', true], ['sale-clear', null]])
    form.querySelector('#' + id).addEventListener('click',
                                                  () => itemChange('/v1/availability', 'available',
                                                                   available));
  amountForm(form, 'price', send);
  main.append(h('h2', {text: t('prices') + ' ' + store}),
              h('p', {class: 'note', text: t('prices_note')}), form,
              table('prices', [
                {key: 'item_id', label: 'item_id'},
                {key: 'name', label: 'item'},
                {key: 'price', label: 'price_now', num: true, fmt: sar},
                {key: 'store_price', label: 'store_price', num: true,
                 fmt: v => v === '' ? '' : sar(v)},
                {key: 'on_sale', label: 'sold_here',
                 fmt: (v, r) => t(v ? 'yes' : 'no') + (r.own_sale ? ' (' + t('store_own') + ')' : '')},
              ], items));
  await deltaSection(main, store, menu, name, change);
  await chainPriceSection(main, store, items);
}

/*
 * Head office: one item's price (or the menu's again) at the ticked stores of the chain in one
 * transaction, all or none (POST /v1/prices/chain); the chosen store ticked to start with.
 */
async function chainPriceSection(main, store, items) {
  if (!state.person || state.person.role !== 'head-office') return;
  const stores = (await api('/v1/stores')).stores.map(st => st.store_id);
  const form = h('form', {id: 'chain-price', class: 'inline'}, ...priceFields('chain', items),
    h('fieldset', {id: 'chain-stores'}, h('legend', {text: t('chain_stores')}),
      ...stores.map(st => h('label', {class: 'tick'},
        h('input', {type: 'checkbox', value: st, checked: st === store ? '' : null}),
        h('bdi', {text: st})))),
    h('button', {id: 'chain-submit', text: t('chain_set')}),
    h('button', {id: 'chain-clear', type: 'button', text: t('chain_menu_again')}),
    h('span', {id: 'chain-msg', role: 'status'}));
  const send = price => {
    const ticked = [...form.querySelectorAll('#chain-stores input:checked')].map(i => i.value);
    if (!ticked.length) $('chain-msg').textContent = t('chain_no_store');
    else postAndShow('chain-msg', '/v1/prices/chain',
                     {item_id: $('chain-item').value, price, stores: ticked},
                     price === null ? 'chain_cleared' : 'chain_done');
  };
  amountForm(form, 'chain', send);
  main.append(h('h2', {text: t('chain_title')}), h('p', {class: 'note', text: t('chain_note')}),
              form);
}

/* A delta typed in riyals, "-" first to take money off ("-1.50"), as halalas; NaN if not. */
function deltaHalalas(text) {
  const typed = text.trim(), minus = typed.startsWith('-');
  const value = halalas(minus ? typed.slice(1) : typed);
  return minus ? -value : value;
}

/*
 * Every size, option and combo choice of menu (as the store's kiosks pull it, its own deltas
 * in) as rows: target ("size:meal/large", as the audit log names it), kind, where, part, the
 * delta now, and the ids POST /v1/price-deltas takes.
 */
function deltaParts(menu, name) {
  const items = {};
  for (const item of menu.items) items[item.id] = item;
  const rows = [];
  for (const combo of menu.combos || []) {
    for (const size of combo.sizes || [])
      rows.push({target: `size:${combo.id}/${size.id}`, kind: 'size', where: name(combo),
                 part: name(size), delta: size.price_delta,
                 ids: {kind: 'size', combo_id: combo.id, size_id: size.id}});
    for (const slot of combo.slots)
      for (const choice of slot.choices)
        rows.push({target: `choice:${combo.id}/${slot.id}/${choice.item}`, kind: 'choice',
                   where: name(combo) + ' / ' + name(slot),
                   part: items[choice.item] ? name(items[choice.item]) : choice.item,
                   delta: choice.price_delta,
                   ids: {kind: 'choice', combo_id: combo.id, slot_id: slot.id,
                         item_id: choice.item}});
  }
  for (const group of menu.modifier_groups || [])
    for (const option of group.options)
      rows.push({target: `option:${group.id}/${option.id}`, kind: 'option', where: name(group),
                 part: name(option), delta: option.price_delta,
                 ids: {kind: 'option', group_id: group.id, option_id: option.id}});
  return rows;
}

/* The prices page's deltas: a form to set or remove one, and the table of them all. */
async function deltaSection(main, store, menu, name, change) {
  const own = {};
  for (const d of (await api(query('/v1/price-deltas', {store}))).price_deltas) {
    const ids = d.kind === 'choice' ? `${d.owner_id}/${d.slot_id}` : d.owner_id;
    own[`${d.kind}:${ids}/${d.part_id}`] = d.price_delta;
  }
  const rows = deltaParts(menu, name).map(r =>
    Object.assign(r, {store_delta: r.target in own ? own[r.target] : ''}));
  const byTarget = {};
  for (const r of rows) byTarget[r.target] = r;
  const form = h('form', {id: 'delta', class: 'inline'},
    h('label', {}, h('span', {text: t('delta_target')}),
      h('select', {id: 'delta-target'}, ...rows.map(r =>
        h('option', {value: r.target,
                     text: t('kind_' + r.kind) + ': ' + r.where + ' / ' + r.part})))),
    h('label', {}, h('span', {text: t('new_delta')}),
      // Left to right in Arabic too, so the minus stays in front of the amount.
      h('input', {id: 'delta-value', inputmode: 'decimal', required: '', maxlength: 11,
                  dir: 'ltr', placeholder: '-1.50'})),
    h('button', {id: 'delta-submit', text: t('adjust')}),
    h('button', {id: 'delta-clear', type: 'button', text: t('menu_delta_again')}),
    h('span', {id: 'delta-msg', role: 'status'}));
  const send = delta => change('/v1/price-deltas',
                               Object.assign({}, byTarget[$('delta-target').value].ids,
                                             {price_delta: delta}),
                               'delta-msg');
  amountForm(form, 'delta', send, deltaHalalas, 'bad_delta');
  const money = v => v === '' ? '' : sar(v);
  main.append(h('h2', {text: t('price_deltas') + ' ' + store}),
              h('p', {class: 'note', text: t('price_deltas_note')}), form,
              table('price-deltas', [
                {key: 'target', label: 'delta_id'},
                {key: 'kind', label: 'delta_kind', fmt: v => t('kind_' + v)},
                {key: 'where', label: 'delta_where'},
                {key: 'part', label: 'delta_part'},
                {key: 'delta', label: 'delta_now', num: true, fmt: money},
                {key: 'store_delta', label: 'store_delta', num: true, fmt: money},
              ], rows));
}

/* A new version 4 uuid, lowercase, from the browser's random numbers. */
function uuid4() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const x = [...b].map(v => v.toString(16).padStart(2, '0')).join('');
  return [x.slice(0, 8), x.slice(8, 12), x.slice(12, 16), x.slice(16, 20), x.slice(20)].join('-');
}

/* Lines typed as "0:2, 3:1" (the order's line from 0, quantity) as [{line_no, quantity}]
 * ascending; null when the text is not that. */
function requestLines(text) {
  const lines = [];
  for (const part of text.split(/[,\u060c]/)) {
    const m = /^\s*(\d{1,4})\s*[:x\u00d7]\s*(\d{1,9})\s*$/.exec(part);
    if (!m) return null;
    lines.push({line_no: Number(m[1]), quantity: Number(m[2])});
  }
  return lines.sort((a, b) => a.line_no - b.line_no);
}

/* Refunds asked of the store's kiosks: a form to ask one, and the store's requests. */
async function pageRequests(main) {
  const store = stockStore();
  if (!store) {
    main.append(h('p', {class: 'note', text: t('no_store')}));
    return;
  }
  const requests = (await api(query('/v1/refund-requests', {store}))).requests;
  const form = h('form', {id: 'request', class: 'inline'},
    h('label', {}, h('span', {text: t('order_uuid')}),
      h('input', {id: 'request-order', required: '', maxlength: 36, size: 38,
                  placeholder: '5eed0000-0000-4000-8000-000000000001'})),
    h('label', {}, h('span', {text: t('request_lines')}),
      h('input', {id: 'request-lines', required: '', maxlength: 200, placeholder: '0:1, 2:1'})),
    h('label', {}, h('span', {text: t('reason')}),
      h('input', {id: 'request-reason', required: '', maxlength: 120})),
    h('button', {id: 'request-submit', text: t('request_ask')}),
    h('span', {id: 'request-msg', role: 'status'}));
  // One id per request asked: the same form sent again (a lost answer) is a harmless repeat.
  const requestId = uuid4();
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const lines = requestLines($('request-lines').value);
    if (!lines) {
      $('request-msg').textContent = t('bad_request_lines');
      return;
    }
    try {
      await api('/v1/refund-requests', {request_id: requestId,
                                        order_uuid: $('request-order').value.trim().toLowerCase(),
                                        reason: $('request-reason').value.trim(), lines});
      await show();
    } catch (e) {
      $('request-msg').textContent = e.message;
    }
  });
  main.append(h('h2', {text: t('request_title')}),
              h('p', {class: 'note', text: t('request_note')}), form,
              h('h2', {text: t('requests') + ' ' + store}),
              table('refund-requests', [
                {key: 'asked_at', label: 'at', fmt: dateTime},
                {key: 'order_uuid', label: 'order_uuid', node: orderLink},
                {key: 'lines', label: 'request_lines',
                 raw: r => r.lines.map(l => l.line_no + ':' + l.quantity).join(' '),
                 fmt: v => digits(v.split(' ').join(', '))},
                {key: 'reason', label: 'reason'},
                {key: 'person', label: 'person'},
                {key: 'status', label: 'request_status', fmt: v => t('request_' + v)},
                {key: 'refused_reason', label: 'refused_reason'},
                {key: 'refund_id', label: 'refund_id'},
              ], requests));
}

/* A device's state in words (the heartbeat's word itself when the app does not know it). */
function deviceState(v) {
  if (v === '' || v === 'ok') return v && t('ok');
  return ('state_' + v) in KS_STRINGS.en ? t('state_' + v) : v;
}

function deviceColumns(now) {
  const device = name => r => (r.devices || {})[name] || '';
  return [
    {key: 'kiosk_id', label: 'kiosk'},
    {key: 'at', label: 'last_heartbeat',
     fmt: v => digits(Math.max(0, Math.round((now - v) / 60))) + ' ' + t('minutes_ago')},
    {key: 'version', label: 'version'},
    {key: 'printer', label: 'printer', raw: device('printer'), fmt: deviceState},
    {key: 'terminal', label: 'terminal', raw: device('terminal'), fmt: deviceState},
    {key: 'kitchen', label: 'kitchen_link', raw: device('kitchen'), fmt: deviceState},
    {key: 'zatca', label: 'zatca_link', raw: device('zatca'), fmt: deviceState},
    {key: 'unsent', label: 'unsent', num: true, fmt: num},
  ];
}

async function pageDevices(main) {
  const list = await kiosks();
  const now = Date.now() / 1000;
  if (list)
    main.append(h('h2', {text: t('devices')}),
                table('devices', deviceColumns(now), list,
                      r => kioskProblems(r, now).length ? 'low' : null));
  else
    main.append(h('p', {class: 'note', text: t('devices_no_store')}));
  await enrolment(main);
}

/* The enrolled devices of the chosen store, a form for a one-time code, and their revocation. */
async function enrolment(main) {
  const store = stockStore();
  if (!store) return;
  const devices = (await api(query('/v1/devices', {store}))).devices;
  const live = devices.filter(d => d.source === 'database' && !d.revoked_at);
  const canChange = !state.person || state.person.role !== 'auditor';
  main.append(h('h2', {text: t('enrolled_devices') + ' ' + store}),
              table('enrolled', [
                {key: 'device_id', label: 'device_id'},
                {key: 'kind', label: 'device_kind', fmt: v => t('device_' + v)},
                {key: 'source', label: 'device_source', fmt: v => t('source_' + v)},
                {key: 'revoked_at', label: 'device_state',
                 fmt: (v, r) => r.source === 'ini' ? t('source_ini') :
                                v ? t('device_revoked') : t('device_live')},
                {key: 'last_seen', label: 'last_heartbeat',
                 fmt: v => v ? digits(Math.max(0, Math.round((Date.now() / 1000 - v) / 60))) +
                               ' ' + t('minutes_ago') : ''},
              ], devices));
  if (!canChange) return;
  const code = h('form', {id: 'enrol', class: 'inline'},
    h('label', {}, h('span', {text: t('device_id')}),
      h('input', {id: 'enrol-device', required: '', maxlength: 32, pattern: '[a-z0-9_.\\-]+',
                  placeholder: 'kiosk-21'})),
    h('label', {}, h('span', {text: t('device_kind')}),
      h('select', {id: 'enrol-kind'}, ...['kiosk', 'kitchen', 'attendant', 'channel'].map(k =>
        h('option', {value: k, text: t('device_' + k)})))),
    h('button', {id: 'enrol-submit', text: t('enrol_make')}),
    h('output', {id: 'enrol-code', 'aria-live': 'polite',
                 text: state.code && state.code.expires_at > Date.now() / 1000 &&
                       state.code.store_id === store ? state.code.code : ''}),
    h('span', {id: 'enrol-msg', role: 'status'}));
  code.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      const answer = await api('/v1/devices/enrolment-codes', {
        store_id: store, device_id: $('enrol-device').value, kind: $('enrol-kind').value});
      // The backend keeps only its hash: kept here until it expires, so that the page's
      // refresh every 30 s does not take it away before it is typed on the device.
      state.code = answer;
      $('enrol-code').textContent = answer.code;
      $('enrol-msg').textContent = t('enrol_code_note');
    } catch (e) {
      $('enrol-msg').textContent = e.message;
    }
  });
  const revoke = h('form', {id: 'revoke', class: 'inline'},
    h('label', {}, h('span', {text: t('device_id')}),
      h('select', {id: 'revoke-device'}, ...live.map(d =>
        h('option', {value: d.device_id, text: d.device_id})))),
    h('button', {id: 'revoke-submit', text: t('revoke')}),
    h('span', {id: 'revoke-msg', role: 'status'}));
  revoke.addEventListener('submit', async ev => {
    ev.preventDefault();
    const id = $('revoke-device').value;
    if (!id || !confirm(t('revoke_confirm') + ' ' + id)) return;
    try {
      await api('/v1/devices/' + encodeURIComponent(id) + '/revoke', {});
      await show();
    } catch (e) {
      $('revoke-msg').textContent = e.message;
    }
  });
  main.append(h('h2', {text: t('enrol_title')}), h('p', {class: 'note', text: t('enrol_note')}),
              code);
  if (live.length) main.append(h('h2', {text: t('revoke_title')}), revoke);
}

/* Head office and auditors: everyone, their role and stores; head office adds people. A store
 * manager: their store's people and their kiosk PINs there. And everyone signed in changes their
 * own password here. */
async function pagePeople(main) {
  if (state.person) passwordForm(main);
  if (!chainRole()) {
    await storePeople(main);
    return;
  }
  const people = (await api('/v1/people')).people;
  main.append(h('h2', {text: t('people_title')}),
              table('people', [
                {key: 'name', label: 'name'},
                {key: 'role', label: 'person_role', fmt: v => t('role_' + v)},
                {key: 'stores', label: 'person_stores', fmt: v => v.join(', ')},
                {key: 'kiosk_pin_stores', label: 'person_pins', fmt: v => v.join(', ')},
                {key: 'created_at', label: 'person_since',
                 fmt: v => dateText(new Date(v * 1000).toISOString().slice(0, 10))},
              ], people));
  if (state.person && state.person.role !== 'head-office') return;
  const form = h('form', {id: 'person-add', class: 'inline'},
    h('label', {}, h('span', {text: t('name')}),
      h('input', {id: 'person-name', required: '', maxlength: 64, pattern: '[a-z0-9._@\\-]+',
                  autocomplete: 'off', placeholder: 'nora'})),
    h('label', {}, h('span', {text: t('person_role')}), roleSelect('person-role')),
    h('label', {}, h('span', {text: t('person_stores')}), storesInput('person-stores')),
    h('label', {id: 'person-password-label'}, h('span', {text: t('password')}),
      newPasswordInput('person-password')),
    h('button', {id: 'person-submit', text: t('person_add')}),
    h('span', {id: 'person-msg', role: 'status'}));
  /* Floor staff have no password: they sign in at kiosks with a kiosk PIN only. */
  const role = form.querySelector('#person-role'), pw = form.querySelector('#person-password');
  role.addEventListener('change', () => {
    pw.required = role.value !== 'staff';
    form.querySelector('#person-password-label').hidden = role.value === 'staff';
  });
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const body = {name: $('person-name').value, ...roleAndStores('person')};
    if (body.role !== 'staff') body.password = $('person-password').value;
    await peopleCall('person-msg', '/v1/people', body, 'person_added');
  });
  main.append(h('h2', {text: t('person_add')}), form);
  kioskPinForm(main, people);
  peopleChanges(main, people);
}

/* A store manager: the people of the chosen store (else their first), floor staff and managers,
 * and the PIN form for that store alone (GET /v1/people?store=: nothing of another store). */
async function storePeople(main) {
  const store = stockStore();
  if (!store) return;
  const people = (await api(query('/v1/people', {store}))).people;
  main.append(h('h2', {text: t('store_people_title') + ' ' + store}),
              table('people', [
                {key: 'name', label: 'name'},
                {key: 'role', label: 'person_role', fmt: v => t('role_' + v)},
                {key: 'kiosk_pin_stores', label: 'pin_here', fmt: v => t(v.length ? 'yes' : 'no')},
              ], people));
  if (people.length) kioskPinForm(main, people, store);
}

/* Sets or removes a person's kiosk PIN (4-8 digits), never shown again: head office at the stores
 * typed (none: the person's own; its removal: at every store), a store manager at store only, its
 * removal too (?store=). */
function kioskPinForm(main, people, store) {
  const form = h('form', {id: 'pin-form', class: 'inline'},
    h('label', {}, h('span', {text: t('name')}), h('select', {id: 'pin-name'},
      ...people.map(p => h('option', {value: p.name, text: p.name})))),
    h('label', {}, h('span', {text: t('pin_label')}),
      h('input', {id: 'pin-value', type: 'password', inputmode: 'numeric', pattern: '[0-9]{4,8}',
                  minlength: 4, maxlength: 8, autocomplete: 'off', dir: 'ltr'})),
    store ? '' : h('label', {}, h('span', {text: t('person_stores')}),
      h('input', {id: 'pin-stores', maxlength: 1100, placeholder: t('pin_stores_hint'),
                  dir: 'ltr'})),
    h('button', {id: 'pin-submit', text: t('pin_set')}),
    h('button', {id: 'pin-clear', type: 'button', text: t(store ? 'pin_clear_here' : 'pin_clear')}),
    h('span', {id: 'pin-msg', role: 'status'}));
  const path = suffix => '/v1/people/' + encodeURIComponent($('pin-name').value) + suffix;
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const body = {pin: $('pin-value').value};
    const stores = store ? [store]
      : $('pin-stores').value.split(',').map(x => x.trim()).filter(x => x);
    if (stores.length) body.stores = stores;
    await peopleCall('pin-msg', path('/kiosk-pin'), body, 'pin_set_done');
  });
  form.querySelector('#pin-clear').addEventListener('click', async () =>
    peopleCall('pin-msg', store ? query(path('/kiosk-pin/clear'), {store}) : path('/kiosk-pin/clear'),
               {}, 'pin_cleared'));
  main.append(h('h2', {text: t('pin_title')}),
              h('p', {class: 'note', text: t(store ? 'pin_note_store' : 'pin_note')}), form);
}

/* Head office's changes to a person: the role and stores, a forgotten password, removal. */
function peopleChanges(main, people) {
  const others = people.filter(p => p.name !== state.person.name);
  const pick = id => h('select', {id}, ...others.map(p =>
    h('option', {value: p.name, text: p.name})));
  const path = (id, suffix) => '/v1/people/' + encodeURIComponent($(id).value) + suffix;
  const change = h('form', {id: 'person-change', class: 'inline'},
    h('label', {}, h('span', {text: t('name')}), pick('change-name')),
    h('label', {}, h('span', {text: t('person_role')}), roleSelect('change-role')),
    h('label', {}, h('span', {text: t('person_stores')}), storesInput('change-stores')),
    h('button', {id: 'change-submit', text: t('person_change')}),
    h('span', {id: 'change-msg', role: 'status'}));
  const field = id => change.querySelector('#' + id); /* the page may not be shown yet */
  const fill = () => {
    const p = others.find(x => x.name === field('change-name').value);
    if (!p) return;
    field('change-role').value = p.role;
    field('change-stores').value = p.stores.join(', ');
  };
  field('change-name').addEventListener('change', fill);
  change.addEventListener('submit', async ev => {
    ev.preventDefault();
    await peopleCall('change-msg', path('change-name', ''), roleAndStores('change'),
                     'person_changed');
  });
  const reset = h('form', {id: 'person-reset', class: 'inline'},
    h('label', {}, h('span', {text: t('name')}), pick('reset-name')),
    h('label', {}, h('span', {text: t('password_new')}), newPasswordInput('reset-password')),
    h('button', {id: 'reset-submit', text: t('person_reset')}),
    h('span', {id: 'reset-msg', role: 'status'}));
  reset.addEventListener('submit', async ev => {
    ev.preventDefault();
    await peopleCall('reset-msg', path('reset-name', '/password'),
                     {password: $('reset-password').value}, 'person_reset_done');
  });
  const remove = h('form', {id: 'person-remove', class: 'inline'},
    h('label', {}, h('span', {text: t('name')}), pick('remove-name')),
    h('button', {id: 'remove-submit', text: t('person_remove')}),
    h('span', {id: 'remove-msg', role: 'status'}));
  remove.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (!confirm(t('person_remove_confirm') + ' ' + $('remove-name').value)) return;
    await peopleCall('remove-msg', path('remove-name', '/remove'), {}, 'person_removed');
  });
  if (!others.length) return;
  main.append(h('h2', {text: t('person_change_title')}), change,
              h('h2', {text: t('person_reset_title')}),
              h('p', {class: 'note', text: t('person_reset_note')}), reset,
              h('h2', {text: t('person_remove_title')}), remove);
  fill();
}

/* The four roles, to choose one. */
function roleSelect(id) {
  return h('select', {id}, ...['store-manager', 'auditor', 'head-office', 'staff'].map(r =>
    h('option', {value: r, text: t('role_' + r)})));
}

/* A store manager's stores, as ids with commas between. */
function storesInput(id) {
  return h('input', {id, maxlength: 1100, placeholder: t('person_stores_hint'), dir: 'ltr'});
}

function newPasswordInput(id) {
  return h('input', {id, type: 'password', required: '', minlength: 12, maxlength: 1024,
                     autocomplete: 'new-password'});
}

/* {role, stores} of the form whose fields start with prefix; stores only for a store manager
 * or staff. */
function roleAndStores(prefix) {
  const body = {role: $(prefix + '-role').value};
  if (body.role === 'store-manager' || body.role === 'staff')
    body.stores = $(prefix + '-stores').value.split(',').map(x => x.trim()).filter(x => x);
  return body;
}

/* POSTs body to path; the page shown again with done's text in msg (in fallback's when msg's
 * form is gone, such as the people page's with nobody else left to change), or the refusal in
 * msg. */
async function postAndShow(msg, path, body, done, fallback) {
  try {
    await api(path, body);
    await show();
    ($(msg) || $(fallback)).textContent = t(done);
  } catch (e) {
    $(msg).textContent = e.message;
  }
}

/* A people page's change, as postAndShow() sends it. */
const peopleCall = (msg, path, body, done) => postAndShow(msg, path, body, done, 'person-msg');

/* The signed-in person's own password: the present one again, then the new one. */
function passwordForm(main) {
  const form = h('form', {id: 'password-change', class: 'inline'},
    h('label', {}, h('span', {text: t('password_present')}),
      h('input', {id: 'password-old', type: 'password', required: '', maxlength: 1024,
                  autocomplete: 'current-password'})),
    h('label', {}, h('span', {text: t('password_new')}), newPasswordInput('password-new')),
    h('button', {id: 'password-submit', text: t('password_change')}),
    h('span', {id: 'password-msg', role: 'status'}));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    try {
      await api('/v1/session/password', {password: $('password-old').value,
                                         new_password: $('password-new').value});
      form.reset();
      $('password-msg').textContent = t('password_changed');
    } catch (e) {
      $('password-msg').textContent = e.message;
    }
  });
  main.append(h('h2', {text: t('password_title')}), form);
}

/* Head office: a new store, selling the menu of a configured one. */
async function storeForm(main) {
  if (state.person && state.person.role !== 'head-office') return;
  const stores = (await api('/v1/stores')).stores;
  const form = h('form', {id: 'store-add', class: 'inline'},
    h('label', {}, h('span', {text: t('store_id')}),
      h('input', {id: 'store-id', required: '', maxlength: 32, placeholder: 'jeddah-01'})),
    h('label', {}, h('span', {text: t('store_name_ar')}),
      h('input', {id: 'store-name-ar', required: '', maxlength: 128, lang: 'ar', dir: 'rtl'})),
    h('label', {}, h('span', {text: t('store_name_en')}),
      h('input', {id: 'store-name-en', required: '', maxlength: 128, lang: 'en', dir: 'ltr'})),
    h('label', {}, h('span', {text: t('store_menu')}),
      h('select', {id: 'store-menu'}, ...stores.filter(st => st.source === 'ini').map(st =>
        h('option', {value: st.store_id, text: st.store_id})))),
    h('button', {id: 'store-submit', text: t('store_add')}),
    h('span', {id: 'store-msg', role: 'status'}));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const body = {store_id: $('store-id').value, name_ar: $('store-name-ar').value,
                  name_en: $('store-name-en').value};
    if ($('store-menu').value) body.menu = $('store-menu').value;
    try {
      await api('/v1/stores', body);
      $('store-msg').textContent = t('store_added');
    } catch (e) {
      $('store-msg').textContent = e.message;
    }
  });
  main.append(h('h2', {text: t('stores_title')}),
              table('store-list', [
                {key: 'store_id', label: 'store_id'},
                {key: 'name_ar', label: 'store_name_ar'},
                {key: 'name_en', label: 'store_name_en'},
                {key: 'menu', label: 'store_menu'},
              ], stores),
              h('h2', {text: t('store_add')}), form);
}

/* ---- Navigation, sign-in ---- */

function renderNav() {
  const nav = $('nav');
  nav.replaceChildren(...Object.keys(pages).map(p =>
    h('a', {href: '#' + p, 'data-page': p, 'aria-current': p === state.page ? 'page' : null,
            text: t('page_' + p)})));
}

function renderStores() {
  const select = $('store');
  const chosen = select.value;
  const options = chainRole() ? [h('option', {value: '', text: t('all_stores')})] : [];
  for (const st of state.stores) options.push(h('option', {value: st, text: st}));
  select.replaceChildren(...options);
  if ([...select.options].some(o => o.value === chosen)) select.value = chosen;
}

let showing = 0;

/* The pages drawn again every 30 s. */
const REFRESHED = ['dashboard', 'devices'];

/* The current page drawn again from the API. */
async function show() {
  const mine = ++showing;
  // The page on screen is out of date until the new one replaces it.
  const shown = $('page');
  shown.setAttribute('aria-busy', 'true');
  delete shown.dataset.ready;
  // data-route: the address drawn, so that one order's page is told from the next one's.
  const main = h('main', {id: 'page', 'data-page': state.page, 'data-route': location.hash,
                          'aria-busy': 'true'});
  renderNav();
  try {
    await pages[state.page](main);
    $('msg').textContent = '';
  } catch (e) {
    $('msg').textContent = e.message;
  }
  if (mine !== showing) return; // a later call draws
  main.removeAttribute('aria-busy');
  main.dataset.ready = state.lang;
  $('page').replaceWith(main);
}

/*
 * The stores to choose from: the person's; for head office and auditors every store with sales
 * this year, then the chain's other stores (configured or added, none sold yet, or none this
 * year: their e-invoices are still archived).
 */
async function loadStores() {
  if (!chainRole()) {
    state.stores = state.person.stores.slice();
    return;
  }
  const rows = (await api(query('/v1/reports/sales', {from: daysAgo(365), to: daysAgo(-1),
                                                      by: 'store', group: 'month'}))).rows;
  const selling = [...new Set(rows.map(r => r.store_id))].sort();
  const others = (await api('/v1/stores')).stores.map(st => st.store_id)
    .filter(id => !selling.includes(id)).sort();
  state.stores = [...selling, ...others];
}

function showLogin() {
  state.person = null;
  state.csrf = '';
  $('app').hidden = true;
  $('logout').hidden = true;
  $('who').textContent = '';
  $('login').hidden = false;
  $('login-name').focus();
}

/* Who is signed in, and as what. */
function whoText() {
  return state.person.name + ' (' + t('role_' + state.person.role) + ')';
}

async function signedIn() {
  $('login').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  $('who').textContent = whoText();
  try {
    await loadStores();
  } catch (e) {
    $('msg').textContent = e.message;
  }
  renderStores();
  await show();
}

async function login(ev) {
  ev.preventDefault();
  $('login-msg').textContent = '';
  try {
    const answer = await api('/v1/session', {name: $('login-name').value,
                                             password: $('login-password').value});
    $('login-password').value = '';
    state.person = answer;
    state.csrf = answer.csrf;
    await signedIn();
  } catch (e) {
    $('login-msg').textContent = e.status === 401 ? t('wrong_login') : e.message;
  }
}

async function logout() {
  try {
    await api('/v1/session/logout', {});
  } catch (e) {
    $('msg').textContent = e.message;
  }
  showLogin();
}

/* The page of the address: #NAME, or #order/UUID for one order. */
function routeHash() {
  const p = location.hash.slice(1);
  const order = /^order\/([0-9a-f-]{36})$/.exec(p);
  state.order = order ? order[1] : p === 'order' ? '' : state.order;
  state.page = order ? 'order' : p in pages ? p : 'dashboard';
}

function route() {
  routeHash();
  if (!$('app').hidden) show();
}

async function start() {
  translateStatic();
  $('to').value = isoDate(new Date());
  $('from').value = daysAgo(29);
  routeHash();
  $('login-form').addEventListener('submit', login);
  $('logout').addEventListener('click', logout);
  $('filters').addEventListener('submit', ev => { ev.preventDefault(); show(); });
  $('store').addEventListener('change', show);
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'ar' ? 'en' : 'ar';
    localStorage.setItem('lang', state.lang);
    translateStatic();
    if (!$('app').hidden) {
      $('who').textContent = whoText();
      renderStores();
      show();
    }
  });
  window.addEventListener('hashchange', route);
  // The dashboard and the devices follow new orders and heartbeats by themselves; pages with
  // a form are drawn again only when asked.
  setInterval(() => {
    if (!$('app').hidden && !document.hidden && REFRESHED.includes(state.page)) show();
  }, 30000);
  try {
    const answer = await api('/v1/session');
    state.person = answer;
    state.csrf = answer.csrf;
    await signedIn();
  } catch (e) {
    showLogin();
  }
}

start();
