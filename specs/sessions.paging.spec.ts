// GET /ed-fi/sessions, limit/offset paging (CONTRACT.md §4). Each check creates its own sessions,
// all carrying a (totalInstructionalDays, beginDate, endDate) combination derived from the run tag
// and the check's seed, and filters on it: only its own items are counted, whatever runs beside it.
import { createHash } from 'node:crypto';
import {
  check, describe, ensure, expectProblem, expectStatus, nextPageToken, totalCount, ProblemType, SESSIONS,
  type CheckContext, type Exchange,
} from '../src/index.js';

type Query = Record<string, string | number | boolean>;
type Isolation = { schoolId: number; schoolYear: number; totalInstructionalDays: number; beginDate: string; endDate: string };
const DAY = 86_400_000;

/** Filter values only this check's items carry (and the same values as payload overrides). */
function isolation(t: CheckContext, label = ''): Isolation {
  const h = createHash('sha256').update(`${t.target.runTag}|${t.seed}|${label}`).digest();
  const start = Date.UTC(t.refs.schoolYear - 1, 7, 1) + (h.readUInt16BE(4) % 200) * DAY;
  return {
    schoolId: t.refs.schoolId,
    schoolYear: t.refs.schoolYear,
    totalInstructionalDays: 1_000_000 + (h.readUInt32BE(0) % 2_000_000_000),
    beginDate: new Date(start).toISOString().slice(0, 10),
    endDate: new Date(start + (1 + (h[6]! % 100)) * DAY).toISOString().slice(0, 10),
  };
}

/** Creates n sessions matching the filter; with inOrder one after the other, so the ids are in creation order. */
async function createSet(t: CheckContext, filter: Isolation, n: number, inOrder = false): Promise<string[]> {
  const { totalInstructionalDays, beginDate, endDate } = filter;
  const payloads = Array.from({ length: n }, () => t.gen.build(t.refs, { totalInstructionalDays, beginDate, endDate }));
  if (!inOrder) return (await Promise.all(payloads.map((p) => t.sessions.create(p)))).map((c) => c.id);
  const ids: string[] = [];
  for (const p of payloads) ids.push((await t.sessions.create(p)).id);
  return ids;
}

function idsOf(ex: Exchange): string[] {
  ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
  return (ex.json as Array<{ id?: unknown }>).map((item) => String(item.id));
}

async function list(t: CheckContext, query: Query): Promise<{ ex: Exchange; ids: string[] }> {
  const ex = await t.api.get(SESSIONS, { query });
  expectStatus(ex, 200);
  return { ex, ids: idsOf(ex) };
}

/** Walks the filtered set with limit/offset until an empty page; returns every id in page order. */
async function walkByOffset(t: CheckContext, filter: Query, limit: number): Promise<string[]> {
  const seen: string[] = [];
  for (let offset = 0; offset <= 50 * limit; offset += limit) {
    const { ex, ids } = await list(t, { ...filter, limit, offset });
    ensure(ids.length <= limit, 'a page should hold at most `limit` items', { expected: `<= ${limit}`, observed: ids.length }, ex);
    if (ids.length === 0) return seen;
    seen.push(...ids);
  }
  ensure(false, 'an offset walk should reach an empty page', { expected: 'an empty page within 50 pages', observed: `${seen.length} items and still going` });
  return seen;
}

function sameSet(actual: string[], expected: string[], what: string): void {
  const dupes = actual.filter((id, i) => actual.indexOf(id) !== i);
  ensure(dupes.length === 0, `${what} should return each item once`, { expected: 'no duplicates', observed: { duplicates: dupes } });
  const missing = expected.filter((id) => !actual.includes(id));
  const extra = actual.filter((id) => !expected.includes(id));
  ensure(missing.length === 0 && extra.length === 0, `${what} should return exactly the isolated set`, {
    expected: expected, observed: { missing, extra },
  });
}

function mentions(t: CheckContext, ex: Exchange, pattern: RegExp): void {
  if (t.target.profile === 'guidelines') return;
  const body = ex.json as { errors?: unknown; detail?: unknown } | undefined;
  const text = JSON.stringify(body?.errors ?? body?.detail ?? '');
  ensure(pattern.test(text), 'the problem should name the parameter that was wrong', { expected: `errors matching ${pattern}`, observed: body?.errors ?? body?.detail }, ex);
}

describe('GET /ed-fi/sessions: limit and offset', () => {
  check('SES-GET-PAGING-LIMIT-ZERO', '01 limit=0 answers an empty page without Next-Page-Token', async (t) => {
    const filter = isolation(t);
    await createSet(t, filter, 1);
    const one = await t.step('limit=1 finds the item (the filter matches)', () => list(t, { ...filter, limit: 1 }));
    ensure(one.ids.length === 1, 'the filtered set should hold the one item created', { expected: 1, observed: one.ids.length }, one.ex);
    const zero = await t.step('limit=0', () => list(t, { ...filter, limit: 0 }));
    ensure(zero.ids.length === 0, 'limit=0 should answer an empty array', { expected: [], observed: zero.ex.text }, zero.ex);
    ensure(nextPageToken(zero.ex) === undefined, 'an empty page should carry no Next-Page-Token', { expected: '(absent)', observed: nextPageToken(zero.ex) }, zero.ex);
  }, { requires: ['writes'] });

  check('SES-GET-PAGING-LIMIT-MAX', '02 limit=500 is accepted', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 2);
    const page = await list(t, { ...filter, limit: 500 });
    sameSet(page.ids, created, 'limit=500');
  }, { requires: ['writes'] });

  check('SES-GET-400-LIMIT', '03 a limit above 500 or below 0 is refused', async (t) => {
    for (const limit of [501, -1]) {
      const ex = await t.step(`limit=${limit}`, () => t.api.get(SESSIONS, { query: { limit } }));
      expectProblem(ex, { status: 400, type: ProblemType.parameterValidationFailed });
      mentions(t, ex, /limit/i);
    }
  });

  check('SES-GET-400-OFFSET', '04 a negative offset is refused', async (t) => {
    const ex = await t.api.get(SESSIONS, { query: { offset: -1, limit: 5 } });
    expectProblem(ex, { status: 400, type: ProblemType.parameterValidationFailed });
    mentions(t, ex, /offset/i);
  });

  check('SES-GET-PAGING-TOTAL-COUNT', '05 Total-Count equals the number of items a full walk returns', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 7);
    const walked = await t.step('walk the set three at a time', () => walkByOffset(t, filter, 3));
    sameSet(walked, created, 'the offset walk');
    for (const limit of [2, 0]) {
      const { ex } = await t.step(`totalCount=true with limit=${limit}`, () => list(t, { ...filter, limit, totalCount: true }));
      const count = totalCount(ex);
      ensure(count === walked.length, 'Total-Count should count every matching item, not the page', { expected: walked.length, observed: count ?? '(no Total-Count header)' }, ex);
    }
  }, { requires: ['writes'] });

  check('SES-GET-PAGING-NO-TOTAL-COUNT', '06 Total-Count is absent unless totalCount=true', async (t) => {
    const filter = isolation(t);
    await createSet(t, filter, 1);
    for (const query of [filter, { ...filter, totalCount: false }]) {
      const { ex } = await list(t, query);
      ensure(ex.headers['total-count'] === undefined, 'Total-Count should be sent only when asked for', { expected: '(absent)', observed: ex.headers['total-count'] }, ex);
    }
  }, { requires: ['writes'] });

  check('SES-GET-PAGING-OFFSET-WALK', '07 a walk by limit and offset returns every item exactly once', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 7);
    const walked = await walkByOffset(t, filter, 3);
    sameSet(walked, created, 'the offset walk');
    const past = await t.step('an offset past the end', () => list(t, { ...filter, limit: 3, offset: 100 }));
    ensure(past.ids.length === 0, 'an offset past the end should answer []', { expected: [], observed: past.ex.text }, past.ex);
  }, { requires: ['writes'] });

  check('SES-GET-PAGING-DEFAULT-SIZE', '08 without limit more than 25 items come back (default page size 500)', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 26);
    const all = await t.step('GET without limit', () => list(t, filter));
    sameSet(all.ids, created, 'GET-many without limit');
    const unfiltered = await t.step('GET without limit or filter', () => list(t, {}));
    ensure(unfiltered.ids.length <= 500, 'without limit a page should hold at most 500 items', { expected: '<= 500', observed: unfiltered.ids.length }, unfiltered.ex);
  }, { requires: ['writes'] });

  check('SES-GET-PAGING-ORDER', '09 items come back in insertion order, the same on every walk', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 5, true);
    const whole = await list(t, filter);
    ensure(JSON.stringify(whole.ids) === JSON.stringify(created), 'items should be ordered by insertion', { expected: created, observed: whole.ids }, whole.ex);
    const paged = await walkByOffset(t, filter, 2);
    ensure(JSON.stringify(paged) === JSON.stringify(created), 'a paged walk should see the same order', { expected: created, observed: paged });
  }, { requires: ['writes'] });
});
