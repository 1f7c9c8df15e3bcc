// The manager's web app in Debian's chromium, driven through the DevTools protocol with
// puppeteer-core (tests/backoffice/run.sh installs it): a real kiosk-backend on loopback
// (SQLite), a person added with --add-person, a few orders, a heartbeat, stock and a signed
// e-invoice (a store and its kiosk enrolled for it) seeded through the API, then sign-in, the
// sales charts' bars, Arabic, a stock adjustment, CSV export, the e-invoice archive and
// sign-out, each checked by content. Waits are puppeteer's waitForSelector /
// waitForFunction with generous timeouts, never fixed sleeps.
// Usage: node backoffice.mjs BACKEND_BINARY PUPPETEER_DIR
import {spawn, spawnSync} from 'node:child_process';
import {createRequire} from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [backendBinary, puppeteerDir] = process.argv.slice(2);
const puppeteer = createRequire(path.join(puppeteerDir, 'package.json'))('puppeteer-core');
const tmp = process.env.KIOSK_TEST_TMPDIR;
const shots = process.env.KIOSK_SCREENSHOTS || '';
const WAIT = {timeout: 30000};
const MANAGER = 'test-manager-token-Qm4Zr8Lt2Wx6Kp9Dv3Hs';
const KIOSK = 'test-kiosk-token-Nb7Fy2Jc5Rg8Tw3Lq6Xe';
const NAME = 'hana';
const PASSWORD = 'correct horse battery staple';
const STORE = 'riyadh-01';
/* A real signed invoice of demo-riyadh-01 (kiosk-01's ICV 1, the SDK's test stamp), posted to the
 * e-invoice archive by a kiosk enrolled for that store; its facts read apart from the page. */
const EINVOICE = JSON.parse(fs.readFileSync(path.join(process.env.KIOSK_SOURCE_DIR,
  'tests/fuzz/corpus/backend_einvoice_copy/signed.json'), 'utf8'));
const EINVOICE_FACTS = {
  number: /<cbc:ID>([^<]*-\d+)<\/cbc:ID>/.exec(EINVOICE.xml)[1],
  uuid: /<cbc:UUID>([0-9a-f-]{36})<\/cbc:UUID>/.exec(EINVOICE.xml)[1],
  date: /<cbc:IssueDate>([0-9-]{10})</.exec(EINVOICE.xml)[1],
  time: /<cbc:IssueTime>([0-9:]{8})</.exec(EINVOICE.xml)[1],
  payable: /<cbc:PayableAmount currencyID="SAR">([0-9.]+)</.exec(EINVOICE.xml)[1],
};
const EINVOICE_KIOSK = 'kiosk-02';

let failures = 0;
function check(ok, what, detail) {
  if (ok) {
    console.log('ok   ' + what);
  } else {
    failures++;
    console.log('FAIL ' + what + (detail !== undefined ? ': ' + JSON.stringify(detail) : ''));
  }
}

/* The local date n days ago as YYYY-MM-DD, worked out apart from the page's
 * own date code (Canadian English writes dates that way), so that a mistake
 * there shows. */
function daysAgo(n) {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return d.toLocaleDateString('en-CA');
}

/* A paid kiosk-order/1 of quantity burgers at 18.00 SAR (15 % VAT included). */
function order(n, date, quantity) {
  const gross = 1800 * quantity;
  const net = Math.floor((2 * gross * 10000 + 11500) / 23000);
  const vat = gross - net;
  const at = Math.floor(Date.now() / 1000) - 60 * n;
  return {
    format: 'kiosk-order/1', uuid: '5eed0000-0000-4000-8000-' + String(n).padStart(12, '0'),
    store_id: STORE, kiosk_id: 'kiosk-01', number: n, business_date: date, service: 'dine_in',
    status: 'paid', lang: 'en', currency: 'SAR', exponent: 2, prices_include_tax: true,
    menu_version: '1', created_at: at, updated_at: at,
    lines: [{item_id: 'burger', category_id: 'food', name: {ar: 'برجر', en: 'Burger'},
             unit: 'each', quantity, unit_price: 1800, details: [], note: '',
             vat_rate_bp: 1500, discount: 0, net, vat, gross, promo_note: {ar: '', en: ''}}],
    vat: [{rate_bp: 1500, taxable: net, vat}], subtotal: gross, discount: 0, total_net: net,
    total_vat: vat, total: gross,
  };
}

/*
 * A self-checkout lane's attendant interventions carried by an order made at `at`: staff-07
 * approved an age check after 15 s and a removal (a void of 6.00 SAR) after 30 s.
 */
function interventions(at) {
  return [{need: 'age', decision: 'approve_age', staff: 'staff-07', raised_at: at - 300,
           decided_at: at - 285},
          {need: 'removal', decision: 'approve_removal', staff: 'staff-07', raised_at: at - 200,
           decided_at: at - 170, void_item: 'cola', void_amount: 600}];
}

/* The seeded orders: [number, days ago, burgers, how paid (undefined: an older kiosk's)]. */
const MADA = {method: 'card', brand: 'mada'};
/* Order 2's card terminal named its transaction as the nexo simulator does (#15). */
const TERMINAL_REF = 'SIM000002.V400m';
const SEED = [[1, 2, 1, MADA], [2, 1, 2, Object.assign({terminal_ref: TERMINAL_REF}, MADA)],
              [3, 1, 1, {method: 'counter_cash'}], [4, 0, 3]];

async function main() {
  fs.mkdirSync(tmp, {recursive: true});
  const config = path.join(tmp, 'backend.ini');
  const db = path.join(tmp, 'backend.db');
  for (const f of [db, db + '-wal', db + '-shm']) fs.rmSync(f, {force: true});
  // The chain's local time is this machine's, so that the business date the backend gives an
  // online shop's sale (its local date) is the page's today at any hour, as the orders' are.
  fs.writeFileSync(config, `[backend]\nlisten = 127.0.0.1:0\ndatabase = ${db}\n` +
                   `utc_offset_min = ${-new Date().getTimezoneOffset()}\n` +
                   `manager_token = ${MANAGER}\n\n[kiosks]\nkiosk-01 = ${KIOSK} ${STORE}\n\n` +
                   `[menus]\n${STORE} = ${process.env.KIOSK_SOURCE_DIR}/assets/menus/restaurant.json\n`,
                   {mode: 0o640});
  const added = spawnSync(backendBinary, ['--config', config, '--add-person', NAME, '--role',
                                          'head-office'], {input: PASSWORD + '\n'});
  check(added.status === 0, 'kiosk-backend --add-person', String(added.stderr));

  const backend = spawn(backendBinary, ['--config', config], {stdio: ['ignore', 'ignore', 'pipe']});
  const port = await new Promise((resolve, reject) => {
    let log = '';
    backend.stderr.on('data', chunk => {
      log += chunk;
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(log);
      if (m) resolve(Number(m[1]));
    });
    backend.on('exit', code => reject(new Error('kiosk-backend exited ' + code + ':\n' + log)));
  });
  const base = `http://127.0.0.1:${port}`;
  let browser = null;
  try {
    browser = await run(base);
  } finally {
    if (browser) await browser.close();
    backend.kill('SIGTERM');
  }
}

async function post(base, url, token, body) {
  const r = await fetch(base + url, {method: 'POST', body: JSON.stringify(body),
                                     headers: {Authorization: 'Bearer ' + token,
                                               'Content-Type': 'application/json'}});
  return {status: r.status, body: await r.json()};
}

async function get(base, url) {
  const r = await fetch(base + url, {headers: {Authorization: 'Bearer ' + MANAGER}});
  return r.json();
}

/* The menu a kiosk of STORE pulls: its ETag, the price of item and whether it is sold out. */
async function kioskMenu(base, item) {
  const r = await fetch(base + '/v1/menu?store=' + STORE, {headers: {Authorization: 'Bearer ' + KIOSK}});
  const menu = await r.json();
  const found = menu.items.find(i => i.id === item);
  return {etag: r.headers.get('etag'), price: found.price, soldOut: found.sold_out === true};
}

async function seed(base) {
  for (const [n, ago, q, payment] of SEED) {
    const o = order(n, daysAgo(ago), q);
    /* The last order's lane had the attendant come twice (the staff report's). */
    if (n === SEED.length) o.interventions = interventions(o.created_at);
    const r = await post(base, '/v1/orders', KIOSK, Object.assign(o, payment ? {payment} : {}));
    check(r.status === 201, 'order ' + n + ' stored', r);
  }
  /* staff-07 at the kiosk's staff screen today: a sold-out mark and an unmark, a reprint of
   * order 3's receipt. */
  const reprinted = {order_uuid: order(3, daysAgo(0), 1).uuid, order_number: 3};
  for (const [n, action] of [[1, 'sold_out'], [2, 'on_sale'], [3, 'reprint']]) {
    const act = await post(base, '/v1/staff-actions', KIOSK, Object.assign(
      {uuid: '5eed0000-0000-4000-8000-00000000a10' + n, action, business_date: daysAgo(0),
       at: Math.floor(Date.now() / 1000) - 10 + n, staff: 'staff-07'},
      action === 'reprint' ? reprinted : {item: 'cola'}));
    check(act.status === 201, 'staff action ' + action + ' stored', act);
  }
  /* A minute before them, three wrong PINs locked the kiosk's lane keypad for five minutes (#15):
   * nobody named, no PIN sent. */
  const lockedAt = Math.floor(Date.now() / 1000) - 60;
  const lockout = await post(base, '/v1/staff-actions', KIOSK, {
    uuid: '5eed0000-0000-4000-8000-00000000a104', action: 'pin_lockout',
    business_date: daysAgo(0), at: lockedAt, place: 'lane', failures: 3, until: lockedAt + 300});
  check(lockout.status === 201, 'a PIN lockout stored', lockout);
  const beat = await post(base, '/v1/heartbeat', KIOSK, {
    kiosk_id: 'kiosk-01', version: '1.0.0', unsent: 2,
    devices: {printer: 'paper_out', terminal: 'ok', kitchen: 'unreachable'}});
  check(beat.status === 200, 'heartbeat', beat);
  const low = await post(base, '/v1/stock/thresholds', MANAGER,
                         {store_id: STORE, item_id: 'cola', low_at: 6});
  check(low.status === 200, 'cola threshold', low);
  const got = await post(base, '/v1/stock/adjustments', MANAGER, {
    request_id: '5eed0000-0000-4000-8000-000000000901', store_id: STORE, item_id: 'burger',
    kind: 'received', quantity: 24, reason: 'delivery 17', person: 'test'});
  check(got.status === 201 && got.body.on_hand === 24, 'burgers received', got);
  await seedEinvoice(base);
}

/*
 * The e-invoice archive's store: demo-riyadh-01 added (selling STORE's menu), kiosk-02 enrolled
 * for it with a one-time code, and the signed invoice posted with the token it got.
 */
async function seedEinvoice(base) {
  const store = EINVOICE.store_id;
  const added = await post(base, '/v1/stores', MANAGER, {store_id: store, name_ar: 'الرياض التجريبي',
                                                         name_en: 'Riyadh demo', menu: STORE});
  check(added.status === 201, 'store ' + store + ' added', added);
  const code = await post(base, '/v1/devices/enrolment-codes', MANAGER,
                          {store_id: store, device_id: EINVOICE_KIOSK, kind: 'kiosk'});
  check(code.status === 201, 'an enrolment code for ' + EINVOICE_KIOSK, code);
  const enrolled = await fetch(base + '/v1/devices/enrol', {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({code: code.body.code, device_id: EINVOICE_KIOSK})});
  const device = await enrolled.json();
  check(enrolled.status === 201 && device.store_id === store, EINVOICE_KIOSK + ' enrolled', device);
  const archived = await post(base, '/v1/einvoices', device.token, EINVOICE);
  check(archived.status === 201 && archived.body.number === EINVOICE_FACTS.number,
        'the signed invoice archived', archived);
}

/*
 * The page NAME drawn in LANG; with ROUTE, drawn for that address (the order page drawn again
 * for another order keeps its name and language until the new one replaces it).
 */
async function shown(page, name, lang, route) {
  const drawn = route ? `[data-route="${route}"]` : '';
  await page.waitForSelector(`main[data-page="${name}"][data-ready="${lang}"]${drawn}`, WAIT);
  const msg = await page.$eval('#msg', e => e.textContent);
  check(msg === '', `the ${name} page (${lang}) shown without an error`, msg);
  // Nothing widens the page past the window (a wide table scrolls inside it): in Arabic the
  // overflow would go off the left edge, where the page cannot be scrolled to.
  const width = await page.evaluate(() => [document.documentElement.scrollWidth,
                                           document.documentElement.clientWidth]);
  check(width[0] <= width[1], `the ${name} page (${lang}) fits the window's width`, width);
}

async function go(page, name, lang) {
  await page.evaluate(n => { location.hash = '#' + n; }, name);
  await shown(page, name, lang);
}

async function screenshot(page, name) {
  if (!shots) return;
  fs.mkdirSync(shots, {recursive: true});
  await page.screenshot({path: path.join(shots, name + '.png')});
}

async function run(base) {
  await seed(base);
  const browser = await puppeteer.launch({
    executablePath: process.env.KIOSK_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir: path.join(tmp, 'chromium'),
    args: [...(process.getuid() === 0 ? ['--no-sandbox'] : []), '--lang=en-US',
           '--font-render-hinting=none'],
  });
  const page = await browser.newPage();
  await page.setViewport({width: 1280, height: 860});
  const problems = [];
  // The answers refused on purpose (401 before sign-in, the wrong password, after sign-out)
  // and the missing favicon log "Failed to load resource"; anything else is a problem. The server
  // answers 429 to an address refused 10 times within 60 s (kiosk/http/auth_limit.h): this run
  // is refused 8 times (counted on 2026-12-05), so a new refusal checked here must stay under it.
  page.on('console', m => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('pageerror', e => problems.push(String(e)));
  const downloads = path.join(tmp, 'downloads');
  fs.rmSync(downloads, {recursive: true, force: true});
  fs.mkdirSync(downloads, {recursive: true});
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', {behavior: 'allow', downloadPath: downloads});

  // The page and its headers; both languages have every text.
  const answer = await page.goto(base + '/', {waitUntil: 'domcontentloaded'});
  const csp = answer.headers()['content-security-policy'] || '';
  check(/script-src 'self';/.test(csp) && !/unsafe-inline/.test(csp) &&
        /default-src 'none'/.test(csp), 'strict Content-Security-Policy', csp);
  check(/^"[0-9a-f]{64}"$/.test(answer.headers().etag || ''), 'the page has an ETag',
        answer.headers().etag);
  await page.waitForFunction(() => typeof KS_STRINGS === 'object', WAIT);
  const missing = await page.evaluate(() => {
    const keys = l => Object.keys(KS_STRINGS[l]);
    return [...keys('en').filter(k => !(k in KS_STRINGS.ar)),
            ...keys('ar').filter(k => !(k in KS_STRINGS.en))];
  });
  check(missing.length === 0, 'Arabic and English have the same texts', missing);

  // Sign-in: a wrong password first, then the right one.
  await page.waitForSelector('#login:not([hidden])', WAIT);
  await page.type('#login-name', NAME);
  await page.type('#login-password', 'not the password at all');
  await page.click('#login-submit');
  await page.waitForFunction(() => document.getElementById('login-msg').textContent !== '', WAIT);
  check(await page.$eval('#login-msg', e => e.textContent) === 'Wrong name or password.',
        'a wrong password is refused');
  await page.$eval('#login-password', e => { e.value = ''; });
  await page.type('#login-password', PASSWORD);
  await page.click('#login-submit');
  await shown(page, 'dashboard', 'en');
  check(await page.$eval('#who', e => e.textContent) === 'hana (head office)', 'signed in as hana');
  check(await page.$eval('#login', e => e.offsetParent === null) &&
        await page.$eval('#app', e => e.offsetParent !== null), 'the form gone, the app shown');
  const cookies = await page.cookies();
  check(cookies.some(c => c.name === 'ks_session' && c.httpOnly), 'an HttpOnly session cookie');

  // Dashboard: today's order of 3 burgers, the low cola, the kiosk with no paper.
  check(await page.$eval('#today-sales .value', e => e.textContent) === '54.00 SAR',
        "today's sales", await page.$eval('#today-sales .value', e => e.textContent));
  check(await page.$eval('#today-orders .value', e => e.textContent) === '1', "today's orders");
  check(await page.$eval('#alert-count .value', e => e.textContent) === '1', 'one low-stock alert');
  check(await page.$eval('#device-count .value', e => e.textContent) === '1 / 1',
        'one kiosk needs attention');
  check(await page.$eval('#lockout-count .value', e => e.textContent) === '1' &&
        await page.$eval('#lockout-count', e => e.classList.contains('warn')),
        'one PIN lockout in the last 24 h, as an alert');
  const lockoutLine = await page.$eval('#dashboard-lockouts tbody td[data-key="place"]',
                                       td => td.textContent);
  check(lockoutLine === 'PIN locked at lane kiosk-01 for 5 min after 3 wrong PINs',
        "the dashboard's lockout line", lockoutLine);
  await screenshot(page, 'dashboard-en');

  // Sales: one bar per day of the 30 days shown, the seeded days' totals on theirs.
  await go(page, 'sales', 'en');
  const bars = await page.$$eval('#chart-day rect.bar', rs =>
    rs.map(r => [r.dataset.label, Number(r.dataset.value)]));
  check(bars.length === 30, '30 bars by day', bars.length);
  const want = {};
  for (const [, ago, q] of SEED) want[daysAgo(ago)] = (want[daysAgo(ago)] || 0) + 1800 * q;
  const byDay = Object.fromEntries(bars);
  for (const day in want) check(byDay[day] === want[day], 'the bar of ' + day, byDay[day]);
  check(bars.filter(([, v]) => v > 0).length === Object.keys(want).length,
        'no sales on the other days');
  const months = await page.$$eval('#chart-month rect.bar', rs =>
    rs.map(r => [r.dataset.label, Number(r.dataset.value)]));
  const wantMonths = {};
  for (const day in want) wantMonths[day.slice(0, 7)] = (wantMonths[day.slice(0, 7)] || 0) + want[day];
  check(months.length === 12 && months[11][0] === daysAgo(0).slice(0, 7), '12 bars by month',
        months);
  for (const [m, v] of months) check(v === (wantMonths[m] || 0), 'the bar of ' + m, v);

  // CSV of the sales table: raw halalas, the API's columns.
  await page.click('[data-csv="sales"]');
  const csvPath = path.join(downloads, 'sales.csv');
  const csv = await waitForFile(csvPath);
  const today = daysAgo(0);
  check(csv.startsWith('period,store_id,kiosk_id,orders,total,total_vat,cancelled,refunded,' +
                       'net_total\r\n'), 'CSV header', csv.split('\r\n')[0]);
  check(csv.includes(`"${today}","${STORE}","",1,5400,704,0,0,5400\r\n`), "CSV: today's row", csv);
  check(csv.includes(`"${daysAgo(1)}","${STORE}","",2,5400,`), "CSV: yesterday's row", csv);

  // Peak hours: 4 orders in at most 168 cells.
  await go(page, 'peak', 'en');
  const cells = await page.$$eval('#heatmap rect', rs => rs.map(r => Number(r.dataset.orders)));
  check(cells.length === 168 && cells.reduce((a, b) => a + b, 0) === SEED.length,
        'a 7 x 24 heat map of the 4 orders', cells.length);

  // Payment methods: mada 18 + 36, cash at the counter 18, the older kiosk's order 54.
  // Kitchen speed over the default 30 days: per business day, the first column the period.
  await go(page, 'kitchen', 'en');
  const kitchenHead = await page.$$eval('#kitchen thead th', ths => ths.map(th => th.textContent));
  check(kitchenHead[0] === 'Period' && kitchenHead.length === 8, 'kitchen speed per day',
        kitchenHead);
  // The staff report: staff-07's two interventions (a bar), median 15 s, 90 % within 30 s.
  await go(page, 'staff', 'en');
  const staffBars = await page.$$eval('#chart-staff rect.bar', rs =>
    rs.map(r => r.dataset.label + '=' + r.dataset.value));
  check(staffBars.join(' ') === STORE + ' staff-07=2', 'a bar per staff member', staffBars);
  const staffRow = await page.$$eval('#staff tbody tr:first-child td', tds =>
    tds.map(td => td.textContent).join('|'));
  check(staffRow === STORE + '|staff-07|2|1|1|0|0|0|0|0|0:15|0:30|1|6.00 SAR|0|0|0.00 SAR|2|1|0|0|0',
        'the staff table, with the kiosk\'s staff actions', staffRow);
  // Single staff actions: staff-07's three, newest first, the reprint with order 3's number.
  await go(page, 'actions', 'en');
  const actionRows = await page.$$eval('#actions tbody tr', trs => trs.map(tr =>
    [...tr.querySelectorAll('td')].filter(td => ['staff', 'kind', 'item', 'order_number']
      .includes(td.dataset.key)).map(td => td.textContent).join('|')));
  check(actionRows.join(' / ') ===
        'staff-07|Reprint||#3 / staff-07|Back on sale|cola| / staff-07|Sold out|cola| / ' +
        'unknown|PIN lockout||',
        'the staff actions page, the reprint naming its order, the lockout naming nobody',
        actionRows);
  const lockoutRow = await page.$eval('#actions tbody tr:last-child td[data-key="place"]',
                                      td => td.textContent);
  check(lockoutRow === 'PIN locked at lane kiosk-01 for 5 min after 3 wrong PINs',
        'the lockout as a line on the staff actions page', lockoutRow);
  const reprintOrder = await page.$eval('#actions tbody tr:first-child a.order', s => s.title);
  check(reprintOrder === '5eed0000-0000-4000-8000-000000000003', "the reprint's order uuid",
        reprintOrder);
  check(await page.$eval('#actions-next', b => b.disabled), 'no older page', null);
  // The reprint's order number opens the order's page (GET /v1/orders/{uuid}): order 3, one
  // burger paid cash at the counter yesterday, its line, VAT and total in riyals.
  await page.click('#actions tbody tr:first-child a.order');
  await shown(page, 'order', 'en');
  const orderFacts = await page.$$eval('#order-facts dd', dds => dds.map(d => d.textContent));
  const orderTitle = await page.$eval('#order-title', e => e.textContent);
  check(orderTitle === 'Order #3' && orderFacts[0] === 'paid' && orderFacts[1] === STORE &&
        orderFacts[3] === daysAgo(1) && orderFacts[6] === 'Cash at the counter' &&
        orderFacts[7] === '-' && orderFacts[8] === '15.65 SAR' && orderFacts[9] === '2.35 SAR' &&
        orderFacts[10] === '18.00 SAR' && orderFacts[11] === reprintOrder,
        "the reprint's order: number, status, store, day, payment and totals",
        [orderTitle, orderFacts]);
  const orderLine = await page.$$eval('#order-lines tbody td', tds => tds.map(td => td.textContent));
  check(orderLine.join('|') === '0|Burger|1|18.00 SAR|0.00 SAR|2.35 SAR|18.00 SAR',
        "the order's line", orderLine);
  // The find box: the store, the business day and the number of a receipt find order 2.
  await page.select('#order-store', STORE);
  await page.$eval('#order-date', (e, d) => { e.value = d; }, daysAgo(1));
  await page.type('#order-number', '2');
  await page.click('#order-find button');
  await shown(page, 'order', 'en', '#order/5eed0000-0000-4000-8000-000000000002');
  const foundTitle = await page.$eval('#order-title', e => e.textContent);
  check(foundTitle === 'Order #2', 'an order found by store, day and number', foundTitle);
  // Its card terminal's reference, for a call to the acquirer (#15).
  const refEn = await page.$eval('#order-terminal-ref', e => [e.querySelector('dt').textContent,
                                                              e.querySelector('dd').textContent]);
  check(refEn.join('|') === 'Terminal reference|' + TERMINAL_REF, "order 2's terminal reference",
        refEn);
  await screenshot(page, 'order-en');
  await go(page, 'payments', 'en');
  const payBars = await page.$$eval('#chart-payments rect.bar', rs =>
    rs.map(r => r.dataset.label + '=' + r.dataset.value));
  check(payBars.join(' ') === 'Card at the kiosk mada=5400 Cash at the counter=1800 ' +
        'Not said (older kiosk)=5400', 'a bar per method and brand', payBars);
  const payRows = await page.$$eval('#payments tbody tr', trs => trs.map(tr =>
    [...tr.querySelectorAll('td')].map(td => td.textContent).join('|')));
  check(payRows.join(' / ') === 'Card at the kiosk|mada|2|54.00 SAR|0|0.00 SAR|54.00 SAR / ' +
        'Cash at the counter||1|18.00 SAR|0|0.00 SAR|18.00 SAR / ' +
        'Not said (older kiosk)||1|54.00 SAR|0|0.00 SAR|54.00 SAR', 'the payments table', payRows);
  await page.click('[data-csv="payments"]');
  const payCsv = await waitForFile(path.join(downloads, 'payments.csv'));
  check(payCsv === 'method,brand,orders,amount,refunds,refunded,net\r\n' +
        '"card","mada",2,5400,0,0,5400\r\n"counter_cash","",1,1800,0,0,1800\r\n' +
        '"unknown","",1,5400,0,0,5400\r\n', 'the payments CSV', payCsv);

  // Devices: the kiosk's heartbeat, its printer out of paper, 2 orders unsent.
  await go(page, 'devices', 'en');
  const kiosk = await page.$$eval('#devices tbody tr td', tds =>
    Object.fromEntries(tds.map(td => [td.dataset.key, td.textContent])));
  check(kiosk.kiosk_id === 'kiosk-01' && kiosk.printer === 'Out of paper' &&
        kiosk.terminal === 'OK' && kiosk.kitchen === 'Not answering' && kiosk.zatca === '' &&
        kiosk.unsent === '2' && kiosk.version === '1.0.0', 'the kiosk and its devices', kiosk);

  // Enrolment: a code made on the devices page, traded by a device for its own token (which
  // then reads its store's menu), and the device revoked from the page (the token opens nothing).
  const device = await enrolOnPage(page, base, 'kiosk-21', 'kiosk', c => c.toLowerCase());
  check(device.http === 201 && device.token.length >= 32 && device.store_id === STORE,
        'the device enrolled with the code', device);
  const menuWith = async token => (await fetch(base + '/v1/menu?store=' + STORE,
                                               {headers: {Authorization: 'Bearer ' + token}})).status;
  check(await menuWith(device.token) === 200, "the device's token reads its store's menu");
  await go(page, 'dashboard', 'en');
  await go(page, 'devices', 'en');
  check((await page.$$eval('#revoke-device option', os => os.map(o => o.value))).includes('kiosk-21'),
        'the enrolled device can be revoked');
  page.once('dialog', d => d.accept());
  await page.select('#revoke-device', 'kiosk-21');
  await page.click('#revoke-submit');
  await page.waitForFunction(() => {
    const row = [...document.querySelectorAll('#enrolled tbody tr')]
      .find(r => r.querySelector('[data-key="device_id"]').dataset.value === 'kiosk-21');
    return row && row.querySelector('[data-key="revoked_at"]').dataset.value !== '0';
  }, WAIT);
  check(await menuWith(device.token) === 401, 'the revoked token opens nothing');
  const revokeAudit = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(revokeAudit.actor === NAME && revokeAudit.action === 'device.revoke' &&
        revokeAudit.target === 'kiosk-21', 'the revocation audited under the person', revokeAudit);

  // A sales channel (an online shop) enrolled the same way: listed with its kind; its token is a
  // channel's (its own reservations answer: not found here). That it opens nothing else is
  // unit.backend_enrol's: each 401 or 403 here counts against the server's limit of refusals.
  const shop = await enrolOnPage(page, base, 'web-shop-2', 'channel', c => c);
  check(shop.http === 201 && shop.store_id === STORE, 'the channel enrolled', shop);
  const held = await fetch(base + '/v1/stock/reservations/7e5e0000-0000-4000-8000-000000000999',
                           {headers: {Authorization: 'Bearer ' + shop.token}});
  check(held.status === 404, "the channel's token opens its reservations", held.status);
  await go(page, 'dashboard', 'en');
  await go(page, 'devices', 'en');
  const shopRow = await page.$$eval('#enrolled tbody tr', trs => trs.map(tr =>
    [...tr.querySelectorAll('td')].map(td => td.textContent).join('|')));
  check(shopRow.some(r => r.startsWith('web-shop-2|') && r.includes('Sales channel (online shop)')),
        'the channel listed with its kind', shopRow);

  // An attendant console (#15): listed with its kind in both languages; its token pulls its
  // store's kiosks and their token verifiers (kiosk-21 was revoked above: none).
  const console_ = await enrolOnPage(page, base, 'att-01', 'attendant', c => c);
  check(console_.http === 201 && console_.store_id === STORE, 'the console enrolled', console_);
  const peers = await fetch(base + '/v1/devices/peers?store=' + STORE,
                            {headers: {Authorization: 'Bearer ' + console_.token}});
  const peersBody = await peers.json();
  check(peers.status === 200 && peersBody.store === STORE && Array.isArray(peersBody.kiosks) &&
        peersBody.kiosks.length === 0, "the console reads its store's kiosks", peersBody);
  await go(page, 'dashboard', 'en');
  await go(page, 'devices', 'en');
  const consoleEn = await enrolledRows(page);
  check(consoleEn.some(r => r.startsWith('att-01|') && r.includes('Attendant console')),
        'the console listed with its kind', consoleEn);

  // A new store from the stores page, selling the configured store's menu.
  await go(page, 'stores', 'en');
  await page.type('#store-id', 'jeddah-01');
  await page.type('#store-name-ar', 'جدة');
  await page.type('#store-name-en', 'Jeddah');
  await page.select('#store-menu', STORE);
  await page.click('#store-submit');
  await page.waitForFunction(() => document.querySelector('#store-msg').textContent === 'Store added.',
                             WAIT);
  const stores = (await get(base, '/v1/stores')).stores;
  check(stores.some(st => st.store_id === 'jeddah-01' && st.name_ar === 'جدة' &&
                          st.menu === STORE), 'the new store via the API', stores);

  // People: head office adds a manager of the new store on the people page; the list shows her,
  // the audit names who added her, and she signs in (held to her store).
  await go(page, 'people', 'en');
  const names = async () => page.$$eval('#people td[data-key="name"]',
                                        tds => tds.map(td => td.dataset.value));
  check((await names()).includes(NAME), 'the people page lists head office', await names());
  await page.type('#person-name', 'nora');
  await page.select('#person-role', 'store-manager');
  await page.type('#person-stores', 'jeddah-01');
  await page.type('#person-password', 'nora long passphrase');
  await page.click('#person-submit');
  await page.waitForFunction(() => {
    const m = document.querySelector('#person-msg');
    return m && m.textContent === 'Person added.';
  }, WAIT);
  const nora = await page.$$eval('#people tbody tr', trs => trs.map(tr =>
    [...tr.querySelectorAll('td')].map(td => td.textContent).join('|')));
  check(nora.some(r => r.startsWith('nora|store manager|jeddah-01|')),
        'the new manager listed with her role and store', nora);
  const personAudit = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(personAudit.actor === NAME && personAudit.action === 'person.add' &&
        personAudit.target === 'nora' &&
        personAudit.after_summary === 'role=store-manager stores=jeddah-01',
        'the new person audited under the person who added her', personAudit);
  const noraLogin = await fetch(base + '/v1/session', {method: 'POST',
    body: JSON.stringify({name: 'nora', password: 'nora long passphrase'}),
    headers: {'Content-Type': 'application/json'}});
  const noraSession = await noraLogin.json();
  check(noraLogin.status === 200 && noraSession.role === 'store-manager' &&
        noraSession.stores.join() === 'jeddah-01', 'the new manager signs in', noraSession);
  check(JSON.stringify((await get(base, '/v1/people')).people).indexOf('argon2') < 0,
        'no password hash in the list');

  // Head office changes nora on the same page: an auditor now (the form filled with her present
  // role and store when she is picked), a forgotten password replaced, then removed; each audited.
  const signIn = async (name, pw) => fetch(base + '/v1/session', {method: 'POST',
    body: JSON.stringify({name, password: pw}), headers: {'Content-Type': 'application/json'}});
  const formDone = async (id, start) => page.waitForFunction((id, start) => {
    const m = document.querySelector(id);
    return m && m.textContent.startsWith(start);
  }, WAIT, id, start);
  await page.select('#change-name', 'nora');
  check(await page.$eval('#change-role', e => e.value) === 'store-manager' &&
        await page.$eval('#change-stores', e => e.value) === 'jeddah-01',
        'picking nora fills her present role and store');
  await page.select('#change-role', 'auditor');
  await page.click('#change-submit');
  await formDone('#change-msg', 'Role saved');
  const rows = await page.$$eval('#people tbody tr', trs => trs.map(tr =>
    [...tr.querySelectorAll('td')].map(td => td.textContent).join('|')));
  check(rows.some(r => r.startsWith('nora|auditor||')), 'nora listed as an auditor', rows);
  const noraAgain = await (await signIn('nora', 'nora long passphrase')).json();
  check(noraAgain.role === 'auditor' && noraAgain.stores.length === 0,
        'nora signs in as an auditor', noraAgain);
  let personChange = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(personChange.actor === NAME && personChange.action === 'person.change' && personChange.target === 'nora' &&
        personChange.before_summary === 'role=store-manager stores=jeddah-01' &&
        personChange.after_summary === 'role=auditor stores=', 'the role change audited', personChange);
  await page.select('#reset-name', 'nora');
  await page.type('#reset-password', 'nora reset passphrase');
  await page.click('#reset-submit');
  await formDone('#reset-msg', 'Password set.');
  check((await signIn('nora', 'nora long passphrase')).status === 401 &&
        (await signIn('nora', 'nora reset passphrase')).status === 200,
        'the reset password opens, the forgotten one no longer');
  personChange = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(personChange.action === 'person.password_reset' && personChange.target === 'nora' &&
        personChange.after_summary === 'sessions_ended=2', 'the reset audited', personChange);
  await page.click('#lang');
  await shown(page, 'people', 'ar');
  check(await page.$eval('#change-role', e => e.value) === 'auditor',
        'the change form shows nora\'s role as it is now');
  await screenshot(page, 'people-ar');
  await page.click('#lang');
  await shown(page, 'people', 'en');
  await page.select('#remove-name', 'nora');
  page.once('dialog', d => d.accept());
  await page.click('#remove-submit');
  await formDone('#person-msg', 'Person removed.'); /* nobody else left: the add form says it */
  check(!(await names()).includes('nora'), 'nora no longer listed', await names());
  check((await signIn('nora', 'nora reset passphrase')).status === 401, 'nora cannot sign in');
  personChange = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(personChange.action === 'person.remove' && personChange.target === 'nora' &&
        personChange.before_summary === 'role=auditor stores=', 'the removal audited', personChange);

  // Floor staff: omar, added with the staff role (no password asked), gets a kiosk PIN at his
  // store on the same page: listed beside him, audited per store, never shown (no hash in the
  // list), then removed again. No refusal: the budget above stays as it is.
  await page.type('#person-name', 'omar');
  await page.select('#person-role', 'staff');
  check(await page.$eval('#person-password-label', e => e.hidden),
        'no password asked of floor staff');
  await page.type('#person-stores', 'jeddah-01');
  await page.click('#person-submit');
  await formDone('#person-msg', 'Person added.');
  await page.select('#pin-name', 'omar');
  await page.type('#pin-value', '4321');
  await page.click('#pin-submit');
  await formDone('#pin-msg', 'PIN set.');
  const omarRow = async () => (await page.$$eval('#people tbody tr', trs => trs.map(tr =>
    [...tr.querySelectorAll('td')].map(td => td.textContent).join('|'))))
    .find(r => r.startsWith('omar|'));
  check((await omarRow()).startsWith('omar|floor staff|jeddah-01|jeddah-01|'),
        'omar listed as floor staff with a kiosk PIN at his store', await omarRow());
  const pinAudit = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(pinAudit.actor === NAME && pinAudit.action === 'person.kiosk_pin' &&
        pinAudit.target === 'omar' && pinAudit.store_id === 'jeddah-01' &&
        pinAudit.after_summary === 'kiosk PIN set', 'the PIN audited, not shown', pinAudit);
  check(JSON.stringify((await get(base, '/v1/people')).people).indexOf('pbkdf2') < 0,
        'no PIN hash in the list');
  await page.click('#lang');
  await shown(page, 'people', 'ar');
  check(await page.$eval('#pin-submit', e => e.textContent) === 'عيّن الرمز',
        'the PIN form in Arabic');
  await screenshot(page, 'people-pin-ar');
  await page.click('#lang');
  await shown(page, 'people', 'en');
  await page.select('#pin-name', 'omar');
  await page.click('#pin-clear');
  await formDone('#pin-msg', 'PINs removed.');
  check((await omarRow()).startsWith('omar|floor staff|jeddah-01||'), 'omar\'s PIN removed',
        await omarRow());
  check((await get(base, '/v1/audit?limit=1')).rows[0].action === 'person.kiosk_pin_clear',
        'the removal audited');
  await managerPeople(browser, base, problems);

  // Profit: the seeded burgers were sold without a cost ("no cost", never a full margin); a
  // cost of 7.50 a wrap set on the page applies to the 2 wraps sold after it (net 31.30, cost
  // 15.00, margin 16.30, 52.07 %).
  await go(page, 'profit', 'en');
  await page.type('#cost-item', 'wrap');
  await page.type('#cost-value', '7.50');
  await page.click('#cost-submit');
  await page.waitForFunction(() => [...document.querySelectorAll('#costs td')]
    .some(td => td.dataset.key === 'unit_cost' && td.dataset.value === '750'), WAIT);
  const costAudit = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(costAudit.actor === NAME && costAudit.action === 'cost.set' &&
        costAudit.target === 'wrap' && costAudit.after_summary === 'unit_cost=750',
        'the cost audited under the person', costAudit);
  const wraps = order(5, daysAgo(3), 2);
  Object.assign(wraps.lines[0], {item_id: 'wrap', name: {ar: 'لفافة', en: 'Wrap'}});
  const later = await post(base, '/v1/orders', KIOSK,
                           Object.assign(wraps, {payment: {method: 'counter_card'}}));
  check(later.status === 201, 'order 5 stored', later);
  await go(page, 'dashboard', 'en');
  await go(page, 'profit', 'en');
  const profitRows = await page.$$eval('#profit tbody tr', trs => trs.map(tr =>
    [...tr.querySelectorAll('td')].map(td => td.textContent).join('|')));
  check(profitRows.join(' / ') === 'burger|Burger|7|109.56 SAR|no cost|4|no cost|no cost / ' +
        'wrap|Wrap|2|31.30 SAR|15.00 SAR|0|16.30 SAR|52.07 %', 'the profit table', profitRows);
  await page.click('[data-csv="profit"]');
  const profitCsv = await waitForFile(path.join(downloads, 'profit.csv'));
  check(profitCsv === 'item_id,name_en,quantity,net,cost,uncosted,margin,margin_bp\r\n' +
        '"burger","Burger",7,10956,0,4,0,0\r\n"wrap","Wrap",2,3130,1500,0,1630,5207\r\n',
        'the profit CSV', profitCsv);

  // Arabic: right to left, Arabic labels and digits.
  await go(page, 'dashboard', 'en');
  await page.click('#lang');
  await shown(page, 'dashboard', 'ar');
  const html = await page.$eval('html', e => [e.dir, e.lang]);
  check(html[0] === 'rtl' && html[1] === 'ar', 'dir=rtl lang=ar', html);
  check(await page.$eval('#today-sales .label', e => e.textContent) === 'مبيعات اليوم',
        'Arabic label');
  check(await page.$eval('#today-sales .value', e => e.textContent) === '٥٤٫٠٠ ر.س',
        'Arabic amount', await page.$eval('#today-sales .value', e => e.textContent));
  const lockoutDashAr = await page.$eval('#dashboard-lockouts tbody td[data-key="place"]',
                                         td => td.textContent);
  check(await page.$eval('#lockout-count .value', e => e.textContent) === '١' &&
        lockoutDashAr === 'قُفل الرمز في المسار kiosk-01 لمدة ٥ دقائق بعد ٣ رموز خاطئة',
        "the dashboard's lockout in Arabic", lockoutDashAr);
  check((await page.$$eval('nav a', as => as.map(a => a.textContent))).includes('المخزون'),
        'Arabic navigation');
  // Dates keep their order in Arabic: one number, the year on the left and the day on the right
  // (read first, as Arabic dates are), not laid out in reverse by the page's direction.
  const dateOrder = await page.$eval('main h2', h2 => {
    const node = h2.firstChild, text = node.textContent, at = text.search(/[٠-٩]/);
    const left = i => {
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + 1);
      return r.getBoundingClientRect().left;
    };
    return {date: text.slice(at), year: left(at), day: left(at + 9)};
  });
  const arabicDigits = text => text.replace(/[0-9]/g, d => '٠١٢٣٤٥٦٧٨٩'[d]);
  check(dateOrder.date === arabicDigits(daysAgo(0)).replace(/-/g, '/') &&
        dateOrder.year < dateOrder.day, "today's date left to right in Arabic", dateOrder);
  await screenshot(page, 'dashboard-ar');
  await go(page, 'payments', 'ar');
  const payAr = await page.$$eval('#payments tbody tr:first-child td', tds =>
    tds.map(td => td.textContent).join('|'));
  check(payAr === 'بطاقة في الكشك|mada|٢|٥٤٫٠٠ ر.س|٠|٠٫٠٠ ر.س|٥٤٫٠٠ ر.س',
        'the payments table in Arabic', payAr);
  await go(page, 'devices', 'ar');
  const devicesAr = await page.$$eval('#devices tbody tr:first-child td', tds =>
    tds.filter(td => ['printer', 'terminal', 'kitchen'].includes(td.dataset.key))
      .map(td => td.textContent).join('|'));
  check(devicesAr === 'نفد الورق|سليم|انقطع الاتصال', "the kiosk's devices in Arabic", devicesAr);
  const consoleAr = await enrolledRows(page);
  check(consoleAr.some(r => r.startsWith('att-01|') && r.includes('جهاز المشرف')),
        'the console listed with its kind in Arabic', consoleAr);
  await go(page, 'staff', 'ar');
  const waitAr = await page.$$eval('#staff tbody tr:first-child td', tds =>
    tds.filter(td => td.dataset.key.startsWith('wait_')).map(td => td.textContent).join('|'));
  check(waitAr === '٠:١٥|٠:٣٠', "staff-07's waits in Arabic", waitAr);
  const actionsAr = await page.$$eval('#staff thead th', ths => ths.slice(-5).map(th => th.textContent));
  check(actionsAr.join('|') ===
        'علامات النفاد|إعادات الطباعة|تدخلات في سلال غير مدفوعة|تدخلات أثناء الدفع|تدخلات لطلب لم يصل',
        'the staff actions\' columns in Arabic', actionsAr);
  await screenshot(page, 'staff-ar');
  await go(page, 'actions', 'ar');
  const actionAr = await page.$$eval('#actions tbody tr:first-child td', tds =>
    tds.filter(td => ['kind', 'order_number'].includes(td.dataset.key)).map(td => td.textContent));
  check(actionAr.join('|') === 'إعادة طباعة|#٣', "the reprint and its order's number in Arabic",
        actionAr);
  const lockoutAr = await page.$$eval('#actions tbody tr:last-child td', tds =>
    tds.filter(td => ['staff', 'kind', 'place'].includes(td.dataset.key)).map(td => td.textContent));
  check(lockoutAr.join('|') ===
        'غير معروف|قفل الرمز|قُفل الرمز في المسار kiosk-01 لمدة ٥ دقائق بعد ٣ رموز خاطئة',
        'the lockout as a line in Arabic', lockoutAr);
  check(await page.$eval('html', e => e.dir) === 'rtl', 'the staff actions page right to left',
        null);
  await screenshot(page, 'actions-ar');
  await page.click('#actions tbody tr:first-child a.order');
  await shown(page, 'order', 'ar');
  const orderAr = await page.$$eval('#order-facts dd', dds => dds.map(d => d.textContent));
  const titleAr = await page.$eval('#order-title', e => e.textContent);
  check(titleAr === 'الطلب #٣' && orderAr[0] === 'مدفوع' && orderAr[6] === 'نقداً عند الكاشير' &&
        orderAr[10] === '١٨٫٠٠ ر.س', "the order's page in Arabic", [titleAr, orderAr]);
  const lineAr = await page.$$eval('#order-lines tbody td', tds => tds.map(td => td.textContent));
  check(lineAr[1] === 'برجر' && lineAr[6] === '١٨٫٠٠ ر.س', "the order's line in Arabic", lineAr);
  check(await page.$eval('html', e => e.dir) === 'rtl', 'the order page right to left', null);
  await screenshot(page, 'order-ar');
  // Order 2's terminal reference in Arabic: its label translated, the reference left to right.
  const order2 = '#order/5eed0000-0000-4000-8000-000000000002';
  await page.evaluate(r => { location.hash = r; }, order2);
  await shown(page, 'order', 'ar', order2);
  const refAr = await page.$eval('#order-terminal-ref', e => [e.querySelector('dt').textContent,
                                                              e.querySelector('dd').textContent,
                                                              e.querySelector('bdi').dir]);
  check(refAr.join('|') === 'مرجع جهاز الدفع|' + TERMINAL_REF + '|ltr',
        "order 2's terminal reference in Arabic", refAr);
  await go(page, 'profit', 'ar');
  const wrapAr = await page.$$eval('#profit tbody tr:last-child td', tds =>
    tds.map(td => td.textContent).join('|'));
  check(wrapAr === 'wrap|لفافة|٢|٣١٫٣٠ ر.س|١٥٫٠٠ ر.س|٠|١٦٫٣٠ ر.س|٥٢٫٠٧ %', 'the profit table in Arabic',
        wrapAr);

  // A stock adjustment in Arabic: 4 burgers wasted, 24 -> 20.
  await go(page, 'stock', 'ar');
  await page.type('#adjust-item', 'burger');
  await page.select('#adjust-kind', 'waste');
  await page.type('#adjust-quantity', '4');
  await page.type('#adjust-reason', 'سقطت على الأرض');
  await page.click('#adjust-submit');
  await page.waitForFunction(() => {
    const row = [...document.querySelectorAll('#stock tbody tr')]
      .find(r => r.querySelector('[data-key="item_id"]').dataset.value === 'burger');
    return row && row.querySelector('[data-key="on_hand"]').dataset.value === '20';
  }, WAIT);
  check(true, 'the new level in the table');
  const levels = (await get(base, '/v1/stock?store=' + STORE)).levels;
  check(levels.some(l => l.item_id === 'burger' && l.on_hand === 20), 'the new level via the API',
        levels);
  const audit = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(audit.actor === NAME && audit.action === 'stock.adjust' && audit.target === 'burger',
        'the adjustment audited under the person', audit);
  check(await page.$eval('#stock tbody tr.low [data-key="item_id"]', e => e.dataset.value) === 'cola',
        'the low item marked');

  // Back to English for the stock screenshot.
  await page.click('#lang');
  await shown(page, 'stock', 'en');
  await screenshot(page, 'stock');

  // A price change: the store's own price of the cheese burger, 18.00 -> 19.50, in the
  // table, in the menu the store's kiosks pull (a new ETag), and audited.
  const before = await kioskMenu(base, 'cheese-burger');
  check(before.price === 1800, 'the menu price before', before);
  await go(page, 'prices', 'en');
  await page.select('#price-item', 'cheese-burger');
  await page.type('#price-value', '19.50');
  await page.click('#price-submit');
  await page.waitForFunction(() => {
    const row = [...document.querySelectorAll('#prices tbody tr')]
      .find(r => r.querySelector('[data-key="item_id"]').dataset.value === 'cheese-burger');
    return row && row.querySelector('[data-key="store_price"]').dataset.value === '1950';
  }, WAIT);
  const shownPrice = await page.$eval('#prices tbody tr td[data-value="cheese-burger"]',
                                      td => td.parentElement.querySelector('[data-key="price"]').textContent);
  check(shownPrice === '19.50 SAR', 'the new price in the table', shownPrice);
  const after = await kioskMenu(base, 'cheese-burger');
  check(after.price === 1950 && after.etag !== before.etag, "the kiosks' menu has it, new ETag",
        [before, after]);
  const priceAudit = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(priceAudit.actor === NAME && priceAudit.action === 'price.set' &&
        priceAudit.after_summary === 'price=1950', 'the price change audited', priceAudit);

  // Not sold at this store: the table says so, the kiosks' menu marks it sold out, audited;
  // then back to what the menu file says.
  const saleShown = () => page.$eval('#prices tbody tr td[data-value="cheese-burger"]',
                                     td => td.parentElement.querySelector('[data-key="on_sale"]')
                                             .dataset.value);
  await page.select('#price-item', 'cheese-burger');
  await page.click('#sale-off');
  await page.waitForFunction(() => {
    const td = document.querySelector('#prices tbody tr td[data-value="cheese-burger"]');
    return td && td.parentElement.querySelector('[data-key="on_sale"]').dataset.value === '0';
  }, WAIT);
  const off = await kioskMenu(base, 'cheese-burger');
  check(off.soldOut && off.price === 1950 && off.etag !== after.etag,
        "the kiosks' menu has it sold out, at the store's price", off);
  const saleAudit = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(saleAudit.actor === NAME && saleAudit.action === 'availability.set' &&
        saleAudit.after_summary === 'available=0', 'the availability change audited', saleAudit);
  await page.select('#price-item', 'cheese-burger');
  await page.click('#sale-clear');
  await page.waitForFunction(() => {
    const td = document.querySelector('#prices tbody tr td[data-value="cheese-burger"]');
    const cell = td && td.parentElement.querySelector('[data-key="on_sale"]');
    return cell && cell.dataset.value === '1' && !cell.textContent.includes('(');
  }, WAIT);
  check(await saleShown() === '1', 'sold again as the menu says', await saleShown());
  check(!(await kioskMenu(base, 'cheese-burger')).soldOut, "the kiosks' menu sells it again", '');

  // A store's own price difference: the cheese burger meal's large size, +3.00 -> +4.50, in
  // the deltas table, in the menu the store's kiosks pull (a new ETag), audited; then back to
  // the menu's from the Arabic page. No refusal: the budget above stays as it is.
  const mealLarge = async () => {
    const r = await fetch(base + '/v1/menu?store=' + STORE,
                          {headers: {Authorization: 'Bearer ' + KIOSK}});
    const meal = (await r.json()).combos.find(c => c.id === 'cheeseburger-meal');
    return {etag: r.headers.get('etag'), delta: meal.sizes.find(z => z.id === 'large').price_delta};
  };
  const LARGE = 'size:cheeseburger-meal/large';
  const deltaCell = (key, target) => page.$eval(
    `#price-deltas tbody tr td[data-value="${target}"]`,
    (td, k) => td.parentElement.querySelector(`[data-key="${k}"]`).textContent, key);
  const sizeBefore = await mealLarge();
  check(sizeBefore.delta === 300, "the menu's large meal +3.00", sizeBefore);
  await page.select('#delta-target', LARGE);
  await page.type('#delta-value', '4.50');
  await page.click('#delta-submit');
  await page.waitForFunction(t => {
    const td = document.querySelector(`#price-deltas tbody tr td[data-value="${t}"]`);
    return td && td.parentElement.querySelector('[data-key="store_delta"]').dataset.value === '450';
  }, WAIT, LARGE);
  check(await deltaCell('delta', LARGE) === '4.50 SAR', 'the new difference in the table',
        await deltaCell('delta', LARGE));
  const sizeAfter = await mealLarge();
  check(sizeAfter.delta === 450 && sizeAfter.etag !== sizeBefore.etag,
        "the kiosks' menu has the store's difference, new ETag", [sizeBefore, sizeAfter]);
  const deltaAudit = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(deltaAudit.actor === NAME && deltaAudit.action === 'price_delta.set' &&
        deltaAudit.target === LARGE && deltaAudit.before_summary === 'menu' &&
        deltaAudit.after_summary === 'price_delta=450', 'the difference audited', deltaAudit);
  await page.click('#lang');
  await shown(page, 'prices', 'ar');
  check((await deltaCell('delta', LARGE)).startsWith('\u0664\u066b\u0665\u0660'),
        'the difference in Arabic', await deltaCell('delta', LARGE));
  await page.$eval('#delta', form => form.scrollIntoView());
  await screenshot(page, 'prices-ar');
  await page.select('#delta-target', LARGE);
  await page.click('#delta-clear');
  await page.waitForFunction(t => {
    const td = document.querySelector(`#price-deltas tbody tr td[data-value="${t}"]`);
    return td && td.parentElement.querySelector('[data-key="store_delta"]').dataset.value === '';
  }, WAIT, LARGE);
  check((await mealLarge()).delta === 300, "the kiosks' menu has the menu's difference again", '');
  await page.click('#lang');
  await shown(page, 'prices', 'en');
  await chainPrice(page, base);

  // A refund asked of today's order (3 burgers): 2 of its line 0, listed as requested,
  // audited under the person, pending at the kiosk that sold it; refused there, it shows why.
  const orderUuid = '5eed0000-0000-4000-8000-000000000004';
  await go(page, 'requests', 'en');
  await page.type('#request-order', orderUuid);
  await page.type('#request-lines', '0:2');
  await page.type('#request-reason', 'cold food');
  await page.click('#request-submit');
  const requestCell = key => page.$eval(`#refund-requests tbody tr td[data-value="${orderUuid}"]`,
                                        (td, k) => td.parentElement.querySelector(
                                          `[data-key="${k}"]`).dataset.value, key);
  await page.waitForSelector(`#refund-requests tbody tr td[data-value="${orderUuid}"]`, WAIT);
  check(await requestCell('status') === 'requested' && await requestCell('lines') === '0:2' &&
        await requestCell('person') === NAME, 'the refund request listed',
        [await requestCell('status'), await requestCell('lines'), await requestCell('person')]);
  const requestOrder = await page.$eval(`#refund-requests td[data-value="${orderUuid}"] a`,
                                        a => a.hash);
  check(requestOrder === '#order/' + orderUuid, "the request's order linked to its page",
        requestOrder);
  const requestAudit = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(requestAudit.actor === NAME && requestAudit.action === 'refund_request.create',
        'the refund request audited', requestAudit);
  const pending = await fetch(base + '/v1/refund-requests/pending',
                              {headers: {Authorization: 'Bearer ' + KIOSK}}).then(r => r.json());
  check(pending.requests.length === 1 && pending.requests[0].order_uuid === orderUuid,
        "pending at the order's kiosk", pending);
  // More than is left of the line (3 sold, 2 asked): refused, the reason shown.
  await page.type('#request-order', orderUuid);
  await page.type('#request-lines', '0:2');
  await page.type('#request-reason', 'again');
  await page.click('#request-submit');
  await page.waitForFunction(() => document.querySelector('#request-msg').textContent !== '', WAIT);
  const overAsked = await page.$eval('#request-msg', e => e.textContent);
  check(overAsked === 'more than is left of the line (sold 3, given back or asked 2)',
        'asking more than is left refused', overAsked);
  const refused = await post(base, `/v1/refund-requests/${pending.requests[0].request_id}/refusal`,
                             KIOSK, {reason: 'card not presented'});
  check(refused.status === 200 && refused.body.status === 'refused', 'the kiosk refuses it', refused);
  await page.click('#lang');
  await shown(page, 'requests', 'ar');
  check(await page.$eval(`#refund-requests tbody tr td[data-value="${orderUuid}"]`,
                         td => td.parentElement.querySelector('[data-key="status"]').textContent) ===
        'رفضه الكشك' && await requestCell('refused_reason') === 'card not presented',
        'refused, in Arabic, with the reason', await requestCell('status'));
  await page.click('#lang');
  await shown(page, 'requests', 'en');

  await einvoices(page, downloads);

  // The enrolled shop sells 2 burgers: held, then confirmed with what it charged (36.00 SAR by
  // wallet). The page shows the sale where it shows sales: a row of its own per kiosk on the
  // stores page (in English and Arabic), and in the best sellers (the quantity the API counts
  // after, 2 more than before). Last, so that the figures checked above stay the kiosks' own.
  const itemsUrl = `/v1/reports/items?from=${daysAgo(30)}&to=${daysAgo(-1)}&limit=100`;
  const burgers = async () =>
    ((await get(base, itemsUrl)).rows.find(r => r.item_id === 'burger') || {quantity: 0}).quantity;
  const burgersBefore = await burgers();
  const sale = '7e5e0000-0000-4000-8000-000000000998';
  const hold = await post(base, '/v1/stock/reservations', shop.token,
                          {reservation_id: sale, store_id: STORE,
                           lines: [{item_id: 'burger', quantity: 2}]});
  check(hold.status === 201, 'the shop holds 2 burgers', hold);
  const sold = await post(base, `/v1/stock/reservations/${sale}/confirm`, shop.token,
                          {lines: [{item_id: 'burger', quantity: 2, net: 3130, vat: 470,
                                    gross: 3600}], payment_method: 'wallet'});
  check(sold.status === 200 && sold.body.state === 'confirmed',
        "the shop's sale confirmed with its prices", sold);
  const burgersAfter = await burgers();
  check(burgersAfter === burgersBefore + 2, "the shop's burgers among the best sellers (API)",
        [burgersBefore, burgersAfter]);
  const shopKiosk = () => page.$$eval('#per-kiosk tbody tr', trs => trs.map(tr => {
    const cell = k => tr.querySelector(`[data-key="${k}"]`);
    return [cell('kiosk_id').dataset.value, cell('kiosk_id').textContent,
            cell('total').dataset.value].join('|');
  }).filter(r => r.startsWith('channel:')));
  // The e-invoices left the dates at the invoice's: the last 30 days again, every store.
  await page.$eval('#from', (e, d) => { e.value = d; }, daysAgo(30));
  await page.$eval('#to', (e, d) => { e.value = d; }, daysAgo(0));
  await go(page, 'stores', 'en');
  const shopEn = await shopKiosk();
  check(shopEn.length === 1 && shopEn[0] === 'channel:web-shop-2|Online: web-shop-2|3600',
        "the shop's sales, a row of their own per kiosk", shopEn);
  await screenshot(page, 'stores-channel');
  await page.click('#lang');
  await shown(page, 'stores', 'ar');
  const shopAr = await shopKiosk();
  check(shopAr.length === 1 && shopAr[0] === 'channel:web-shop-2|متجر إلكتروني: web-shop-2|3600',
        "the shop's row in Arabic", shopAr);
  await page.click('#lang');
  await shown(page, 'stores', 'en');
  await go(page, 'items', 'en');
  const burgerShown = await page.$eval('#items tbody', tb => {
    const row = [...tb.querySelectorAll('tr')]
      .find(tr => tr.querySelector('[data-key="item_id"]').dataset.value === 'burger');
    return row ? Number(row.querySelector('[data-key="quantity"]').dataset.value) : -1;
  });
  check(burgerShown === burgersAfter, "the best sellers page counts the shop's burgers",
        [burgerShown, burgersAfter]);

  // The person's own password, changed on the people page: the old one opens nothing after.
  await go(page, 'people', 'en');
  await page.type('#password-old', PASSWORD);
  await page.type('#password-new', 'a new horse battery staple');
  await page.click('#password-submit');
  await page.waitForFunction(() => {
    const m = document.querySelector('#password-msg');
    return m && m.textContent.startsWith('Password changed.');
  }, WAIT);
  const loginWith = async pw => (await fetch(base + '/v1/session', {method: 'POST',
    body: JSON.stringify({name: NAME, password: pw}),
    headers: {'Content-Type': 'application/json'}})).status;
  check(await loginWith(PASSWORD) === 401 && await loginWith('a new horse battery staple') === 200,
        'the new password opens, the old one no longer');
  check(await page.evaluate(async () => (await fetch('/v1/session')).status) === 200,
        'the session that changed it goes on');

  // Sign-out: the session ends on the server too.
  await page.click('#logout');
  await page.waitForSelector('#login:not([hidden])', WAIT);
  const gone = await page.evaluate(async () => (await fetch('/v1/session')).status);
  check(gone === 401, 'signed out: GET /v1/session is 401', gone);

  check(problems.length === 0, 'no console errors, no CSP violations', problems);
  return browser;
}

/*
 * A store manager's people page: layla, manager of jeddah-01, signed in in a browser context of
 * her own (her session cookie from a sign-in made here: no refusal for the budget), sees her
 * store's floor staff and managers only (not badr of STORE, nor head office), sets omar's kiosk
 * PIN there with no stores to type (audited under her, at jeddah-01) and removes it there (the
 * request naming her store), in English and Arabic.
 */
async function managerPeople(browser, base, problems) {
  const added = [await post(base, '/v1/people', MANAGER, {name: 'layla', role: 'store-manager',
                                                          stores: ['jeddah-01'],
                                                          password: 'layla long passphrase'}),
                 await post(base, '/v1/people', MANAGER, {name: 'badr', role: 'staff',
                                                          stores: [STORE]})];
  check(added.every(a => a.status === 201), 'layla and badr added', added);
  const login = await fetch(base + '/v1/session', {method: 'POST',
    body: JSON.stringify({name: 'layla', password: 'layla long passphrase'}),
    headers: {'Content-Type': 'application/json'}});
  const cookie = /ks_session=([0-9a-f]{64})/.exec(login.headers.get('set-cookie') || '');
  check(login.status === 200 && cookie, 'layla signs in', login.status);
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.on('console', m => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('pageerror', e => problems.push(String(e)));
  await page.setViewport({width: 1280, height: 860});
  await page.setCookie({name: 'ks_session', value: cookie[1], url: base});
  await page.goto(base + '/#people', {waitUntil: 'domcontentloaded'});
  await shown(page, 'people', 'en');
  check(await page.$eval('#who', e => e.textContent) === 'layla (store manager)',
        'signed in as layla', await page.$eval('#who', e => e.textContent));
  const rows = async () => page.$$eval('#people tbody tr', trs => trs.map(tr =>
    [...tr.querySelectorAll('td')].map(td => td.textContent).join('|')));
  check((await rows()).join() === 'layla|store manager|no,omar|floor staff|no',
        'her store\'s people only', await rows());
  check((await page.$$('#pin-stores')).length === 0 && (await page.$$('#person-add')).length === 0,
        'no stores to type, no person to add');
  await page.select('#pin-name', 'omar');
  await page.type('#pin-value', '2468');
  await page.click('#pin-submit');
  await page.waitForFunction(() => document.querySelector('#pin-msg')?.textContent === 'PIN set.',
                             WAIT);
  check((await rows()).includes('omar|floor staff|yes'), 'omar\'s PIN at her store', await rows());
  const audit = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(audit.actor === 'layla' && audit.role === 'store-manager' &&
        audit.action === 'person.kiosk_pin' && audit.target === 'omar' &&
        audit.store_id === 'jeddah-01', 'the PIN audited under layla at her store', audit);
  // Her removal names her chosen store (?store=), as the API then clears it there alone.
  const clearing = page.waitForRequest(q => q.url().includes('/kiosk-pin/clear'), WAIT);
  await page.select('#pin-name', 'omar');
  await page.click('#pin-clear');
  check((await clearing).url().endsWith('/v1/people/omar/kiosk-pin/clear?store=jeddah-01'),
        'the removal sent for her store', (await clearing).url());
  await page.waitForFunction(() =>
    document.querySelector('#pin-msg')?.textContent === 'PINs removed.', WAIT);
  check((await rows()).includes('omar|floor staff|no'), 'omar\'s PIN removed there', await rows());
  const cleared = (await get(base, '/v1/audit?limit=1')).rows[0];
  check(cleared.actor === 'layla' && cleared.action === 'person.kiosk_pin_clear' &&
        cleared.store_id === 'jeddah-01', 'the removal audited under layla at her store', cleared);
  await page.click('#lang');
  await shown(page, 'people', 'ar');
  check(await page.$eval('#people th:nth-child(3)', e => e.textContent) === 'رمز الكشك هنا' &&
        await page.$eval('html', e => e.dir) === 'rtl', 'her page in Arabic, right to left');
  await screenshot(page, 'people-manager-ar');
  await context.close();
}

/*
 * A chain-wide price from the prices page (head office): the cheese burger at 21.00 at STORE
 * (ticked as the chosen store) and the e-invoices' store, one price.set row each; nothing sent
 * with no store ticked; then both back to their menu's price.
 */
async function chainPrice(page, base) {
  const other = EINVOICE.store_id;
  const own = async store => (await get(base, '/v1/prices?store=' + store)).prices
    .filter(p => p.item_id === 'cheese-burger').map(p => p.price).join();
  const ticked = () => page.$$eval('#chain-stores input:checked', is => is.map(i => i.value));
  check((await ticked()).join() === STORE, 'the chosen store ticked', await ticked());
  await page.$$eval('#chain-stores input', is => is.forEach(i => { i.checked = false; }));
  await page.select('#chain-item', 'cheese-burger');
  await page.type('#chain-value', '21.00');
  await page.click('#chain-submit');
  const said = text => page.waitForFunction(t => {
    const m = document.querySelector('#chain-msg');
    return m && m.textContent === t;
  }, WAIT, text);
  await said('Tick at least one store.');
  check(await own(STORE) === '1950', 'nothing sent with no store ticked', await own(STORE));
  const seq = (await get(base, '/v1/audit?limit=1')).rows[0].seq;
  await page.click(`#chain-stores input[value="${STORE}"]`);
  await page.click(`#chain-stores input[value="${other}"]`);
  await page.click('#chain-submit');
  await said('Price set at the ticked stores.');
  check(await own(STORE) === '2100' && await own(other) === '2100', 'the price at both stores',
        [await own(STORE), await own(other)]);
  const rows = (await get(base, '/v1/audit?limit=2')).rows;
  check(rows.every(r => r.seq > seq && r.actor === NAME && r.action === 'price.set' &&
                        r.target === 'cheese-burger' && r.after_summary === 'price=2100') &&
        rows.map(r => r.store_id).sort().join() === [STORE, other].sort().join(),
        'one audit row per store', rows);
  const shownPrice = await page.$eval('#prices tbody tr td[data-value="cheese-burger"]',
    td => td.parentElement.querySelector('[data-key="store_price"]').textContent);
  check(shownPrice === '21.00 SAR', "the chosen store's table has it", shownPrice);
  await page.$eval('#chain-price', form => form.scrollIntoView());
  await screenshot(page, 'prices-chain');
  await page.click(`#chain-stores input[value="${other}"]`);
  await page.select('#chain-item', 'cheese-burger');
  await page.click('#chain-clear');
  await said('The ticked stores follow their menu price again.');
  check(await own(STORE) === '' && await own(other) === '', 'both back to the menu price',
        [await own(STORE), await own(other)]);
}

/*
 * The e-invoice archive's page for demo-riyadh-01 over the invoice's issue date: kiosk-02's chain
 * whole, the document's row, its CSV, its XML downloaded byte for byte, a 404 said in words, the
 * kiosk picker, and Arabic (the status, the amount's digits with the riyal sign on their left).
 */
async function einvoices(page, downloads) {
  const f = EINVOICE_FACTS;
  const [riyals, halalas] = f.payable.split('.');
  const payable = Number(riyals) * 100 + Number(halalas);
  await page.select('#store', EINVOICE.store_id);
  await page.$eval('#from', (e, d) => { e.value = d; }, f.date);
  await page.$eval('#to', (e, d) => { e.value = d; }, f.date);
  await go(page, 'einvoices', 'en');
  const panel = '#chain-' + EINVOICE_KIOSK;
  const figures = () => page.$$eval(panel + ' dd', dds =>
    Object.fromEntries(dds.map(dd => [dd.dataset.figure, dd.textContent])));
  check(await page.$eval(panel, e => e.dataset.status + ' ' + e.querySelector('.status').textContent) ===
        'whole whole', "kiosk-02's chain whole", await page.$eval(panel, e => e.textContent));
  const en = await figures();
  check(en.einv_documents === '1' && en.einv_icvs === '1 – 1' && en.einv_missing_count === '0' &&
        en.einv_forks === '0' && en.einv_breaks === '0' && en.einv_first_missing === '—' &&
        en.einv_net === riyals + '.' + halalas + ' SAR', "the chain's figures", en);
  const row = await page.$$eval('#einvoices tbody tr', trs => trs.map(tr =>
    [...tr.querySelectorAll('td')].map(td => td.textContent).join('|')));
  check(row.join(' / ') === `${EINVOICE_KIOSK}|${f.number}|Invoice|1|${f.date} ${f.time}|` +
        `${riyals}.${halalas} SAR|${f.uuid}|${EINVOICE.order_uuid}|Download`,
        'the document listed, its order a link to its page', row);
  const einvOrder = await page.$eval('#einvoices td[data-key="order_uuid"] a', a => a.hash);
  check(einvOrder === '#order/' + EINVOICE.order_uuid, "the invoice's order linked", einvOrder);
  // The other two states, drawn by the page from chains as the API words them (the seeded
  // archive's one chain is whole): what is wrong first named, its count marked.
  const drawn = await page.evaluate(() => [
    {device_id: 'kiosk-a', documents: 3, first_icv: 1, last_icv: 5, net_payable: -150,
     missing: 2, first_missing: 3, forks: 0, breaks: 0, first_break: 0, status: 'incomplete'},
    {device_id: 'kiosk-b', documents: 4, first_icv: 1, last_icv: 3, net_payable: 100,
     missing: 0, first_missing: 0, forks: 1, breaks: 0, first_break: 2, status: 'broken'},
  ].map(chain => {
    const p = chainPanel(chain);
    return [p.dataset.status, p.querySelector('.status').textContent,
            p.querySelector('p').textContent.replace(/.*: /, ''),
            [...p.querySelectorAll('dd.bad')].map(d => d.dataset.figure).join(),
            [...p.querySelectorAll('dd')].map(d => d.textContent).join('|')].join(' / ');
  }));
  check(drawn[0] === 'incomplete / incomplete / 3 / einv_missing_count / 3|1 – 5|2|3|0|0|—|-1.50 SAR',
        'an incomplete chain drawn', drawn[0]);
  check(drawn[1] === 'broken / broken / 2 / einv_forks / 4|1 – 3|0|—|1|0|2|1.00 SAR',
        'a broken chain drawn', drawn[1]);
  await page.click('[data-csv="einvoices"]');
  const csv = await waitForFile(path.join(downloads, 'einvoices.csv'));
  check(csv === 'device_id,number,kind,icv,issued,payable,uuid,order_uuid\r\n' +
        `"${EINVOICE_KIOSK}","${f.number}",388,1,"${f.date} ${f.time}",${payable},"${f.uuid}",` +
        `"${EINVOICE.order_uuid}"\r\n`,
        'the e-invoices CSV', csv);
  await page.click(`button.xml[data-uuid="${f.uuid}"]`);
  const xmlPath = path.join(downloads, f.number + '.xml');
  await waitForFile(xmlPath);
  const xml = fs.existsSync(xmlPath) ? fs.readFileSync(xmlPath) : Buffer.alloc(0);
  check(xml.equals(Buffer.from(EINVOICE.xml, 'utf8')), 'the XML downloaded byte for byte',
        xml.length + ' bytes');
  // A document the store does not have: the page says so (a 404 is no refused credential).
  await page.evaluate(store => einvoiceXml(store, {uuid: '5eed0000-0000-4000-8000-00000000dead',
                                                   number: 'none'}), EINVOICE.store_id);
  await page.waitForFunction(() => document.querySelector('#einv-msg').textContent !== '', WAIT);
  const missing = await page.$eval('#einv-msg', e => e.textContent);
  check(missing === 'This store has no e-invoice with that UUID.', 'an unknown uuid said in words',
        missing);
  const kiosks = await page.$$eval('#einv-device option', os => os.map(o => o.value));
  check(kiosks.join() === ',' + EINVOICE_KIOSK, 'the kiosk picker', kiosks);
  await page.select('#einv-device', EINVOICE_KIOSK);
  await page.waitForFunction(k => {
    const picker = document.querySelector('main[data-ready] #einv-device');
    return picker && picker.value === k;
  }, WAIT, EINVOICE_KIOSK);
  check((await page.$$eval('#einvoices tbody tr', trs => trs.length)) === 1 &&
        await page.$eval(panel, e => e.dataset.status) === 'whole', 'one kiosk shown');

  await page.click('#lang');
  await shown(page, 'einvoices', 'ar');
  check(await page.$eval(panel + ' .status', e => e.textContent) === 'كاملة',
        'the chain whole in Arabic', await page.$eval(panel + ' .status', e => e.textContent));
  const ar = await figures();
  const arabic = text => text.replace(/[0-9]/g, d => '٠١٢٣٤٥٦٧٨٩'[d]);
  check(ar.einv_net === arabic(riyals) + '٫' + arabic(halalas) + ' ر.س' &&
        ar.einv_documents === '١', "the chain's figures in Arabic", ar);
  // Right to left: the amount starts at the figure's right edge, under its label, read first,
  // the riyal sign on its left; the panel's status stripe on its right side.
  const order = await page.$eval(panel + ' dd[data-figure="einv_net"]', dd => {
    const node = dd.firstChild, text = node.textContent;
    const box = (from, to) => {
      const r = document.createRange();
      r.setStart(node, from);
      r.setEnd(node, to);
      return r.getBoundingClientRect();
    };
    return {amount: box(0, 1).left, sign: box(text.length - 1, text.length).left,
            textRight: Math.round(box(0, text.length).right),
            right: Math.round(dd.getBoundingClientRect().right),
            stripe: getComputedStyle(dd.closest('section')).borderRightWidth};
  });
  check(order.amount > order.sign && Math.abs(order.textRight - order.right) <= 1 &&
        order.stripe === '6px', 'the amount right to left', order);
  const kindAr = await page.$eval('#einvoices td[data-key="kind"]', td => td.textContent);
  check(kindAr === 'فاتورة', 'the kind in Arabic', kindAr);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'einvoices-ar');
  await page.click('#lang');
  await shown(page, 'einvoices', 'en');
  await screenshot(page, 'einvoices-en');
  // The API's 403 (a store manager naming another store) said in words. Answered by the
  // browser here, not the server: a real 403 would count against the budget of refusals above.
  const refuse = r => {
    if (r.url().includes('/v1/einvoices?'))
      r.respond({status: 403, contentType: 'application/json',
                 body: '{"error":"a store manager must name one of their stores","path":"store"}'});
    else r.continue();
  };
  await page.setRequestInterception(true);
  page.on('request', refuse);
  await page.evaluate(() => { document.querySelector('main').dataset.ready = ''; });
  await page.click('#filters button');
  await shown(page, 'einvoices', 'en');
  page.off('request', refuse);
  await page.setRequestInterception(false);
  const refused = await page.$eval('#einv-refused', e => e.textContent).catch(() => '');
  check(refused === "You may not see this store's e-invoices." &&
        (await page.$$('#einvoices')).length === 0, 'a 403 said in words', refused);
  await page.select('#store', '');
}

/* A code for device id of kind made on the devices page, traded (as typed(code)) for a token the
 * way a device does: the answer's body, its HTTP status as http. */
async function enrolOnPage(page, base, id, kind, typed) {
  // The page keeps showing the store's last code until its time is up: wait for another one.
  const shown = await page.$eval('#enrol-code', e => e.textContent);
  await page.type('#enrol-device', id);
  await page.select('#enrol-kind', kind);
  await page.click('#enrol-submit');
  await page.waitForFunction(before => {
    const now = document.querySelector('#enrol-code').textContent;
    return now !== before && /^[2-9A-Z]{5}-[2-9A-Z]{5}$/.test(now);
  }, WAIT, shown);
  const code = await page.$eval('#enrol-code', e => e.textContent);
  const enrolled = await fetch(base + '/v1/devices/enrol', {
    method: 'POST', headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({code: typed(code), device_id: id})});
  return {http: enrolled.status, ...(await enrolled.json())};
}

/* The devices page's enrolled devices, each row's cells joined by '|'. */
async function enrolledRows(page) {
  return page.$$eval('#enrolled tbody tr', trs => trs.map(tr =>
    [...tr.querySelectorAll('td')].map(td => td.textContent).join('|')));
}

/* The downloaded file's text, once the browser has finished writing it. */
async function waitForFile(file) {
  for (let i = 0; i < 600; i++) {
    if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
    await new Promise(r => setTimeout(r, 50));
  }
  return '';
}

main().then(() => {
  console.log(failures ? `${failures} checks failed` : 'all checks passed');
  process.exit(failures ? 1 : 0);
}, e => {
  console.log('FAIL ' + (e.stack || e));
  process.exit(1);
});
