// The daily check-in (docs/API.md, "Daily check-in, insights, the positive cycle and the journey"),
// for one person: today only, as often as they like (201, then 200); "today" is the local day of
// the time zone sent; another day is 409 not-today; every field is validated (422 naming it) and a
// refused request changes nothing; my check-ins by range, as JSON and as CSV; the rhythm (this week
// from Monday, a count and a total). Expected dates are computed here with Intl; near midnight the
// server's own answer of "today" (rhythm.today, the 409 detail) decides. Every response is also
// checked against api/openapi.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseCsv } from 'csv-parse/sync';
import { startServer } from '../support/server.mjs';
import { register, assertProblem } from './client.mjs';
import {
  CHECKINS, checkinPath, AHEAD, BEHIND, CSV_HEADER, localDate, addDays, mondayOf, datesFrom, answers,
  checkInToday, checkIn, ok, allCheckins,
} from './checkin-kit.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const person = (name) => register(server.url, name);
const JSON_TYPE = { 'content-type': 'application/json' };

/** Runs `act` (which makes refused requests and checks them) and proves nothing changed. */
async function unchanged(who, act) {
  const before = await allCheckins(who);
  await act();
  assert.deepEqual(await allCheckins(who), before, 'the refused requests changed nothing');
}

/** The dates named in a problem's detail. */
const datesIn = (text) => text.match(/\d{4}-\d{2}-\d{2}/g) ?? [];

/** Checks a Rhythm against the check-in dates of the person (all of them). */
function checkRhythm(rhythm, dates, today) {
  assert.equal(rhythm.today, today);
  const week = datesFrom(mondayOf(today), today);
  assert.deepEqual(rhythm.week, week.map((date) => ({ date, checked_in: dates.includes(date) })), 'Monday to today, in order');
  assert.equal(rhythm.count, week.filter((d) => dates.includes(d)).length);
  assert.equal(rhythm.total, dates.length);
}

describe('checking in today', () => {
  test('the first check-in of the day is 201, changing it the same day is 200, and it stays one check-in', async () => {
    const p = await person('Daily');
    const body = answers({ connection: 7, closeness: 8, affection: 3, minutes_together: 45, focused_minutes: 45, tech_interference: 0, mood: 1, stress: 5, self_care: false });
    const first = await checkInToday(p, body);
    assert.equal(first.status, 201, first.text);
    const { checkin, rhythm } = first.body;
    const { time_zone: zone, ...values } = body;
    assert.deepEqual(checkin, { ...values, date: rhythm.today, appreciation: null, time_zone: zone, created_at: checkin.created_at, updated_at: checkin.updated_at });
    assert.ok([localDate('UTC', new Date(Date.now() - 60000)), localDate('UTC')].includes(checkin.date), 'today in UTC');
    assert.equal(checkin.created_at, checkin.updated_at);
    checkRhythm(rhythm, [checkin.date], checkin.date);

    const changed = { ...body, connection: 2, appreciation: { text: 'Thank you for the tea.', shared: true } };
    const again = await ok(p.put(checkinPath(checkin.date), changed));
    assert.deepEqual(again.body.checkin, {
      ...checkin, connection: 2, appreciation: { text: 'Thank you for the tea.', shared: true }, updated_at: again.body.checkin.updated_at,
    }, 'the new answers, the same day and creation time');
    assert.ok(again.body.checkin.updated_at >= checkin.created_at);
    checkRhythm(again.body.rhythm, [checkin.date], checkin.date);

    // Leaving the appreciation out removes it; null does too.
    const third = await ok(p.put(checkinPath(checkin.date), { ...changed, appreciation: null }));
    assert.equal(third.body.checkin.appreciation, null);
    await ok(p.put(checkinPath(checkin.date), changed));
    const fourth = await ok(p.put(checkinPath(checkin.date), body));
    assert.equal(fourth.body.checkin.appreciation, null);

    const list = await allCheckins(p);
    assert.deepEqual(list, [fourth.body.checkin], 'one check-in per day, as last saved');
  });

  test('saves of the same day at the same moment make one check-in: one 201, the others 200', async () => {
    const p = await person('Eager');
    const zone = 'Asia/Kolkata';
    const date = localDate(zone);
    const all = await Promise.all(Array.from({ length: 8 }, (_, k) => p.put(checkinPath(date), answers({ time_zone: zone, connection: k }))));
    if (localDate(zone) !== date) return; // midnight passed there meanwhile
    assert.deepEqual(all.map((r) => r.status).sort(), [200, 200, 200, 200, 200, 200, 200, 201]);
    const list = await allCheckins(p);
    assert.equal(list.length, 1);
    const created = all.find((r) => r.status === 201).body.checkin;
    assert.ok(all.every((r) => r.body.checkin.created_at === created.created_at), 'one creation time');
    assert.ok(all.some((r) => r.body.checkin.connection === list[0].connection), 'the last save wins');
  });

  test('"today" is the local day of the time zone sent (UTC+14 and UTC−11 are on different dates)', async () => {
    const p = await person('Traveller');
    // Pago Pago's today is never Kiritimati's today (25 hours apart): refused there, naming
    // Kiritimati's today (as it was just before or just after the request).
    const aheadBefore = localDate(AHEAD);
    const refused = await p.put(checkinPath(localDate(BEHIND)), answers({ time_zone: AHEAD }));
    assertProblem(refused, 409, 'not-today');
    const named = datesIn(refused.body.detail);
    assert.ok(named.includes(aheadBefore) || named.includes(localDate(AHEAD)), `the detail names today there (${aheadBefore}): ${refused.body.detail}`);
    assert.deepEqual(await allCheckins(p), [], 'nothing saved');

    const ahead = await checkIn(p, answers({ time_zone: AHEAD, closeness: 9 }));
    const behind = await checkIn(p, answers({ time_zone: BEHIND, closeness: 1 }));
    assert.equal(ahead.time_zone, AHEAD);
    assert.equal(behind.time_zone, BEHIND);
    assert.ok(ahead.date > behind.date, `${ahead.date} (UTC+14) is after ${behind.date} (UTC−11)`);
    const gap = (Date.parse(ahead.date) - Date.parse(behind.date)) / 86400000;
    assert.ok(gap === 1 || gap === 2, `25 hours apart is one or two dates: ${gap}`);

    // Two check-ins, one per local day; my list is oldest first.
    const list = await allCheckins(p);
    assert.deepEqual(list.map((c) => [c.date, c.closeness, c.time_zone]), [[behind.date, 1, BEHIND], [ahead.date, 9, AHEAD]]);

    // Without time_zone, reads use the zone of my latest check-in (the latest day: Kiritimati's).
    const mine = await ok(p.get(CHECKINS));
    assert.deepEqual(mine.body.checkins.map((c) => c.date), [behind.date, ahead.date]);
    assert.equal(mine.body.rhythm.today, ahead.date);
    checkRhythm(mine.body.rhythm, [behind.date, ahead.date], ahead.date);
    // In Pago Pago, the default range (the last 30 days up to today there) stops before Kiritimati's day.
    const there = await ok(p.get(`${CHECKINS}?time_zone=${encodeURIComponent(BEHIND)}`));
    assert.equal(there.body.rhythm.today, behind.date);
    assert.deepEqual(there.body.checkins.map((c) => c.date), [behind.date]);
    assert.equal(there.body.rhythm.total, 2, 'the total counts every check-in');
  });

  test('another day is 409 not-today, naming today there, and nothing changes', async () => {
    const p = await person('Yesterday');
    const today = (await checkIn(p, answers({ time_zone: 'Europe/Berlin' }))).date;
    await unchanged(p, async () => {
      for (const date of [addDays(today, -1), addDays(today, 1), addDays(today, -400), '1970-01-01', '2999-12-31']) {
        const res = await p.put(checkinPath(date), answers({ time_zone: 'Europe/Berlin', connection: 0 }));
        assertProblem(res, 409, 'not-today');
        const now = localDate('Europe/Berlin');
        assert.ok(datesIn(res.body.detail).includes(today) || datesIn(res.body.detail).includes(now), `${date}: the detail names today: ${res.body.detail}`);
      }
    });
    // A first check-in is refused the same way and creates nothing.
    const q = await person('Tomorrow');
    const res = await q.put(checkinPath(addDays(localDate('UTC'), 2)), answers());
    assertProblem(res, 409, 'not-today');
    assert.deepEqual(await allCheckins(q), []);
    assert.equal((await ok(q.get(CHECKINS))).body.rhythm.total, 0);
  });
});

describe('bad input', () => {
  const long = (n, ch = 'a') => ch.repeat(n);
  const without = (field) => { const b = answers(); delete b[field]; return b; };
  // [what, body, field]: each refused with 422 invalid-field naming `field`.
  const cases = [
    ...['connection', 'closeness', 'affection', 'tech_interference'].flatMap((f) => [
      [`${f} −1`, answers({ [f]: -1 }), f], [`${f} 11`, answers({ [f]: 11 }), f],
      [`${f} 5.5`, answers({ [f]: 5.5 }), f], [`${f} "5"`, answers({ [f]: '5' }), f], [`${f} null`, answers({ [f]: null }), f],
    ]),
    ['minutes_together −1', answers({ minutes_together: -1, focused_minutes: 0 }), 'minutes_together'],
    ['minutes_together 1441', answers({ minutes_together: 1441 }), 'minutes_together'],
    ['minutes_together 2^53', answers({ minutes_together: 2 ** 53 }), 'minutes_together'],
    ['focused_minutes −1', answers({ focused_minutes: -1 }), 'focused_minutes'],
    ['focused_minutes 1441', answers({ minutes_together: 1440, focused_minutes: 1441 }), 'focused_minutes'],
    ['focused above together', answers({ minutes_together: 30, focused_minutes: 31 }), 'focused_minutes'],
    ['focused with no time together', answers({ minutes_together: 0, focused_minutes: 1 }), 'focused_minutes'],
    ['mood 0', answers({ mood: 0 }), 'mood'], ['mood 6', answers({ mood: 6 }), 'mood'], ['mood 2.5', answers({ mood: 2.5 }), 'mood'],
    ['stress 0', answers({ stress: 0 }), 'stress'], ['stress 6', answers({ stress: 6 }), 'stress'],
    ['self_care "yes"', answers({ self_care: 'yes' }), 'self_care'], ['self_care 1', answers({ self_care: 1 }), 'self_care'],
    ['self_care null', answers({ self_care: null }), 'self_care'],
    ...['connection', 'closeness', 'affection', 'minutes_together', 'focused_minutes', 'tech_interference', 'mood', 'stress', 'self_care', 'time_zone']
      .map((f) => [`${f} missing`, without(f), f]),
    ['an unknown field', answers({ note: 'hi' }), 'note'],
    ['a private field by another name', answers({ anxiety: 3 }), 'anxiety'],
    ['appreciation empty', answers({ appreciation: { text: '', shared: false } }), 'appreciation.text'],
    ['appreciation blank', answers({ appreciation: { text: ' \n\t ', shared: true } }), 'appreciation.text'],
    ['appreciation 501 characters', answers({ appreciation: { text: long(501), shared: true } }), 'appreciation.text'],
    ['appreciation 501 emoji', answers({ appreciation: { text: long(501, '😀'), shared: true } }), 'appreciation.text'],
    ['appreciation text a number', answers({ appreciation: { text: 5, shared: true } }), 'appreciation.text'],
    ['appreciation without text', answers({ appreciation: { shared: true } }), 'appreciation.text'],
    ['appreciation without shared', answers({ appreciation: { text: 'Thanks' } }), 'appreciation.shared'],
    ['appreciation shared "yes"', answers({ appreciation: { text: 'Thanks', shared: 'yes' } }), 'appreciation.shared'],
    ['appreciation with an unknown field', answers({ appreciation: { text: 'Thanks', shared: true, to: 'you' } }), 'appreciation.to'],
    ['appreciation a string', answers({ appreciation: 'Thanks' }), 'appreciation'],
    ['appreciation a list', answers({ appreciation: ['Thanks'] }), 'appreciation'],
    ['an unknown time zone', answers({ time_zone: 'Mars/Olympus_Mons' }), 'time_zone'],
    ['a time zone in the wrong case', answers({ time_zone: 'europe/berlin' }), 'time_zone'],
    ['a time zone with a space', answers({ time_zone: 'Europe/Berlin ' }), 'time_zone'],
    ['an empty time zone', answers({ time_zone: '' }), 'time_zone'],
    ['a time zone of 65 characters', answers({ time_zone: `Europe/${long(58)}` }), 'time_zone'],
    ['a time zone that is a number', answers({ time_zone: 1 }), 'time_zone'],
  ];

  test('every field is checked (422 invalid-field naming it), and a refused request changes nothing', async () => {
    const p = await person('Careful');
    const saved = await checkIn(p, answers({ appreciation: { text: 'Kept as it was', shared: false } }));
    await unchanged(p, async () => {
      for (const [what, body, field] of cases) {
        const res = await p.put(checkinPath(saved.date), body);
        assert.equal(res.status, 422, `${what}: ${res.status} ${res.text}`);
        assertProblem(res, 422, 'invalid-field', field);
      }
    });
  });

  test('names ICU knows that are not IANA time zones are refused too', async () => {
    const p = await person('Zones');
    for (const zone of ['Etc/Unknown', 'GMT+5', 'GMT-03:30']) {
      const res = await p.put(checkinPath(localDate('UTC')), answers({ time_zone: zone }));
      assert.equal(res.status, 422, `${zone}: ${res.status} ${res.text}`);
    }
  });

  test('a refused first check-in creates nothing', async () => {
    const p = await person('First');
    const today = localDate('UTC');
    for (const [what, body, field] of cases) {
      const res = await p.put(checkinPath(today), body);
      assert.equal(res.status, 422, `${what}: ${res.status} ${res.text}`);
      assert.equal(res.body.field, field, what);
    }
    assert.deepEqual(await allCheckins(p), []);
    assert.equal((await checkInToday(p, answers())).status, 201, 'the first valid one is new');
  });

  test('numbers beyond any integer type, or not whole, are refused as they are written', async () => {
    const p = await person('Numbers');
    const saved = await checkIn(p, answers());
    await unchanged(p, async () => {
      for (const field of ['connection', 'minutes_together', 'focused_minutes', 'mood']) {
        for (const v of ['18446744073709551617', '18446744073709551615', '-9223372036854775809', '9223372036854775807', '4294967301', '-0.5', '3.0000000001', '1e1']) {
          const body = JSON.stringify(answers()).replace(new RegExp(`"${field}":\\d+`), `"${field}":${v}`);
          const res = await p.request('PUT', checkinPath(saved.date), { body, headers: JSON_TYPE });
          assertProblem(res, 422, 'invalid-field', field);
        }
      }
    });
  });

  test('the limits themselves are accepted', async () => {
    const p = await person('Edges');
    await checkIn(p, answers({ connection: 0, closeness: 0, affection: 0, minutes_together: 0, focused_minutes: 0, tech_interference: 0, mood: 1, stress: 1, self_care: false }));
    for (const body of [
      answers({ connection: 10, closeness: 10, affection: 10, minutes_together: 1440, focused_minutes: 1440, tech_interference: 10, mood: 5, stress: 5 }),
      answers({ appreciation: { text: 'a'.repeat(500), shared: true } }),
      answers({ appreciation: { text: '😀'.repeat(500), shared: false } }), // 500 characters, 2000 bytes
      answers({ appreciation: { text: 'Ünïcödé, "quotes", and\nlines', shared: true } }),
    ]) {
      const res = await checkInToday(p, body);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body.checkin.appreciation, body.appreciation ?? null);
    }
  });

  test('a malformed date in the path is 422 naming date, before anything else', async () => {
    const p = await person('Calendar');
    await checkIn(p, answers());
    await unchanged(p, async () => {
      for (const date of ['2026-02-30', '2026-13-01', '2026-00-10', '2026-1-5', '26-11-25', '20261125', 'today', '2026-11-25T00', '1969-12-31', '%2B026-11-25']) {
        assertProblem(await p.put(checkinPath(date), answers()), 422, 'invalid-field', 'date');
        assertProblem(await p.put(checkinPath(date), { nonsense: true }), 422, 'invalid-field', 'date');
      }
    });
  });

  test('the body: malformed JSON 400, not JSON 415, not an object 422, another site 403', async () => {
    const p = await person('Body');
    const today = (await checkIn(p, answers())).date;
    const path = checkinPath(today);
    await unchanged(p, async () => {
      assertProblem(await p.request('PUT', path, { body: '{"connection": 5,', headers: JSON_TYPE }), 400, 'malformed-json');
      assertProblem(await p.request('PUT', path, { body: JSON.stringify(answers()) }), 415, 'unsupported-media-type');
      assertProblem(await p.request('PUT', path, { body: JSON.stringify(answers()), headers: { 'content-type': 'text/plain' } }), 415, 'unsupported-media-type');
      assertProblem(await p.request('PUT', path, { body: '', headers: JSON_TYPE }), 400, 'malformed-json');
      for (const body of ['[]', '"check-in"', '5', 'null']) {
        assertProblem(await p.request('PUT', path, { body, headers: JSON_TYPE }), 422, 'invalid-field');
      }
      assertProblem(await p.put(path, answers({ connection: 0 }), { headers: { origin: 'https://evil.example' } }), 403, 'cross-site-request');
      assertProblem(await p.put(path, answers({ connection: 0 }), { headers: { 'sec-fetch-site': 'cross-site' } }), 403, 'cross-site-request');
      const huge = JSON.stringify(answers({ appreciation: { text: 'x'.repeat(1024 * 1024), shared: false } }));
      assertProblem(await p.request('PUT', path, { body: huge, headers: JSON_TYPE }), 413, 'body-too-large');
    });
  });

  test('401 before anything else; other methods are 405 with Allow', async () => {
    const p = await person('Methods');
    const anon = p.fresh();
    for (const [method, path] of [['PUT', checkinPath(localDate('UTC'))], ['PUT', checkinPath('nonsense')], ['GET', CHECKINS], ['GET', `${CHECKINS}?from=bad`],
      ['GET', '/api/v1/insights'], ['GET', '/api/v1/insights?days=5'], ['GET', '/api/v1/insights/cycle'], ['GET', '/api/v1/journey']]) {
      const res = await anon.request(method, path, method === 'PUT' ? { json: answers() } : {});
      assertProblem(res, 401, 'not-authenticated');
    }
    for (const [method, path, allow] of [['GET', checkinPath(localDate('UTC')), 'PUT'], ['DELETE', checkinPath(localDate('UTC')), 'PUT'],
      ['POST', CHECKINS, 'GET'], ['PUT', CHECKINS, 'GET'], ['POST', '/api/v1/insights', 'GET'], ['DELETE', '/api/v1/journey', 'GET']]) {
      const res = await p.request(method, path, method === 'GET' ? { validate: false } : { json: answers(), validate: false });
      assertProblem(res, 405, 'method-not-allowed');
      assert.equal(res.headers.get('allow'), allow, `${method} ${path}`);
    }
    assert.deepEqual(await allCheckins(p), [], 'nothing was saved by any of them (nothing is ever deleted either)');
  });
});

describe('my check-ins', () => {
  let p;
  let behind;
  let ahead;
  before(async () => {
    p = await person('Ranges');
    behind = await checkIn(p, answers({ time_zone: BEHIND, connection: 1, appreciation: { text: 'Behind, with a comma, a "quote"\nand a new line', shared: true } }));
    ahead = await checkIn(p, answers({ time_zone: AHEAD, connection: 2 }));
  });
  const dates = (res) => res.body.checkins.map((c) => c.date);

  test('from and to choose the days, both included, oldest first', async () => {
    const q = (query) => ok(p.get(`${CHECKINS}?${query}`));
    assert.deepEqual(dates(await q(`from=${behind.date}&to=${ahead.date}`)), [behind.date, ahead.date]);
    assert.deepEqual(dates(await q(`from=${behind.date}&to=${behind.date}`)), [behind.date]);
    assert.deepEqual(dates(await q(`from=${ahead.date}&to=${ahead.date}`)), [ahead.date]);
    assert.deepEqual(dates(await q(`from=${addDays(behind.date, 1)}&to=${addDays(ahead.date, 5)}`)), [ahead.date]);
    assert.deepEqual(dates(await q(`from=${addDays(behind.date, -10)}&to=${addDays(behind.date, -1)}`)), []);
    assert.deepEqual(dates(await q(`to=${behind.date}`)), [behind.date], 'from defaults to 29 days before to');
    assert.deepEqual(dates(await q(`to=${addDays(behind.date, 29)}`)), [behind.date, ahead.date]);
    assert.deepEqual(dates(await q(`to=${addDays(behind.date, 30)}`)), [ahead.date]);
    assert.deepEqual(dates(await q(`to=${addDays(ahead.date, 30)}`)), [], 'the last 30 days up to to');
    assert.deepEqual(dates(await q(`from=${behind.date}&to=${addDays(behind.date, 3659)}`)), [behind.date, ahead.date], '3660 days at a time');
    assert.deepEqual(dates(await q(`from=${behind.date}&time_zone=${encodeURIComponent(AHEAD)}`)), [behind.date, ahead.date], 'to defaults to today');
    const full = await q(`from=${behind.date}&to=${ahead.date}`);
    assert.deepEqual(full.body.checkins, [behind, ahead], 'the check-ins as saved');
  });

  test('bad ranges and parameters are 422 naming the parameter', async () => {
    const refused = [
      [`from=${ahead.date}&to=${behind.date}`, 'from'],
      [`from=${behind.date}&to=${addDays(behind.date, 3660)}`, 'from'],
      ['from=2026-02-30', 'from'], ['from=yesterday', 'from'], ['from=', 'from'],
      ['to=2026-13-01', 'to'], ['to=2026-1-1', 'to'],
      ['format=xml', 'format'], ['format=CSV', 'format'], ['format=', 'format'],
      ['time_zone=Mars%2FOlympus', 'time_zone'], ['time_zone=', 'time_zone'],
    ];
    for (const [query, field] of refused) assertProblem(await p.get(`${CHECKINS}?${query}`), 422, 'invalid-field', field);
  });

  test('CSV: a header row, one row per check-in, RFC 4180 quoting', async () => {
    const res = await ok(p.get(`${CHECKINS}?format=csv&from=${behind.date}&to=${ahead.date}`));
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(res.headers.get('content-disposition'), /^attachment; filename="hearth-checkins\.csv"$/);
    assert.match(res.text, /\r\n$/, 'CRLF line ends');
    assert.ok(res.text.includes('"Behind, with a comma, a ""quote""\nand a new line"'), 'quoted, quotes doubled, the line break kept');
    const rows = parseCsv(res.text);
    assert.deepEqual(rows[0], CSV_HEADER);
    assert.deepEqual(rows.slice(1), [behind, ahead].map((c) => [
      c.date, ...['connection', 'closeness', 'affection', 'minutes_together', 'focused_minutes', 'tech_interference', 'mood', 'stress'].map((f) => String(c[f])),
      String(c.self_care), c.appreciation?.text ?? '', c.appreciation ? String(c.appreciation.shared) : '', c.time_zone,
    ]));
    const json = await ok(p.get(`${CHECKINS}?format=json&from=${behind.date}&to=${ahead.date}`));
    assert.deepEqual(json.body.checkins, [behind, ahead], 'format=json is the default');
    // The CSV follows the range like the JSON, and an empty range is the header alone.
    assert.equal(parseCsv((await ok(p.get(`${CHECKINS}?format=csv&from=${ahead.date}&to=${ahead.date}`))).text).length, 2);
    const empty = await ok(p.get(`${CHECKINS}?format=csv&from=2001-01-01&to=2001-01-31`));
    assert.equal(empty.text, `${CSV_HEADER.join(',')}\r\n`);
    assertProblem(await p.get(`${CHECKINS}?format=csv&from=${ahead.date}&to=${behind.date}`), 422, 'invalid-field', 'from');
  });

  test('the rhythm: this week from Monday to today, how many of its days, and the total', async () => {
    const res = await ok(p.get(`${CHECKINS}?time_zone=${encodeURIComponent(AHEAD)}`));
    checkRhythm(res.body.rhythm, [behind.date, ahead.date], ahead.date);
    // A person who never checked in has an empty week.
    const q = await person('Empty');
    const empty = await ok(q.get(`${CHECKINS}?time_zone=UTC`));
    assert.deepEqual(empty.body.checkins, []);
    checkRhythm(empty.body.rhythm, [], empty.body.rhythm.today);
    assert.ok([localDate('UTC', new Date(Date.now() - 60000)), localDate('UTC')].includes(empty.body.rhythm.today), 'UTC by default');
  });
});
