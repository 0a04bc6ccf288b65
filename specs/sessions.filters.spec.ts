// GET /ed-fi/sessions: the list answer itself (200, body schema, filters, the reference-field
// filters among them), filters repeated on every page of a walk. Who may list (401, 403) is the
// families "authentication" and "authorization" (specs/families/), for every resource.
// Isolation: a non-reference (totalInstructionalDays, beginDate, endDate) combination only the
// check's own items carry (CONTRACT.md §1.3, §4). These are the checks a refused or ignored filter
// fails; the paging checks elsewhere are blocked by it instead.
import { check, describe, ensure, expectSessionBody, expectStatus, nextPageToken, SESSIONS, type CheckContext, type Exchange } from '../src/index.js';
import { eventually } from './support/eventually.js';
import { idKey } from './support/ids.js';
import { createSet, isolate, isolation, sameSet, type Isolation, type Query } from './support/isolated-set.js';
import { cursorStart } from './support/walks.js';

type Item = { id?: unknown; totalInstructionalDays?: unknown; beginDate?: unknown; endDate?: unknown; schoolReference?: { schoolId?: unknown }; schoolYearTypeReference?: { schoolYear?: unknown } };
type Filter = Isolation & { schoolId?: number; schoolYear?: number };

/** Whether an item carries every filter value sent (reference fields read from their references). */
function matches(item: Item, filter: Filter): boolean {
  return item.totalInstructionalDays === filter.totalInstructionalDays && item.beginDate === filter.beginDate && item.endDate === filter.endDate
    && (filter.schoolId === undefined || item.schoolReference?.schoolId === filter.schoolId)
    && (filter.schoolYear === undefined || item.schoolYearTypeReference?.schoolYear === filter.schoolYear);
}

/** GET one page; asserts 200, an array, and that every item matches every filter value sent. */
async function page(t: CheckContext, filter: Filter, paging: Query = {}): Promise<{ ex: Exchange; ids: string[] }> {
  const ex = await t.api.get(SESSIONS, { query: { ...filter, ...paging } });
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
  const items = ex.json as Item[];
  const off = items.filter((i) => !matches(i, filter));
  ensure(off.length === 0, 'every item on the page should match the filters', { expected: filter, observed: off.slice(0, 3) }, ex);
  return { ex, ids: items.map((i) => String(i.id)) };
}

/** The filtered list once every created item shows (polling briefly for a slow host). */
const pageWith = (t: CheckContext, filter: Filter, ids: string[]): Promise<{ ex: Exchange; ids: string[] }> =>
  eventually(() => page(t, filter), (p) => ids.every((id) => p.ids.some((x) => idKey(x) === idKey(id))));

/** Set-up: two sets that differ only in totalInstructionalDays; the filter must keep them apart on every page. */
async function twoNeighbourSets(t: CheckContext): Promise<{ mine: Isolation; created: string[] }> {
  const mine = isolation(t);
  const neighbour = { ...mine, totalInstructionalDays: mine.totalInstructionalDays + 1 };
  const [created] = await Promise.all([createSet(t, mine, 5), createSet(t, neighbour, 5)]);
  await isolate(t, mine, created);
  return { mine, created };
}

describe('GET /ed-fi/sessions: answer, filters, access', () => {
  check('SES-GET-200-LIST', 'GET-many answers 200 with valid sessions that match the filters', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 2);
    const { ex, ids } = await t.step('GET-many with the isolation filter', () => pageWith(t, filter, created));
    ensure(/application\/json/i.test(ex.headers['content-type'] ?? ''), 'GET-many should answer JSON', { expected: 'application/json', observed: ex.headers['content-type'] }, ex);
    await expectSessionBody(ex);
    sameSet(ids, created, 'the filtered list', ex);
    // Whatever form a host gives its ids, a list names each item by the id its Location gave.
    const altered = ids.filter((id) => !created.includes(id));
    ensure(altered.length === 0, "each listed item should carry, character for character, the id its creation's Location named", { expected: created, observed: ids }, ex);
  }, { requires: ['writes'] });

  check('SES-GET-200-LIST', 'the reference-field filters schoolId and schoolYear select the items too', async (t) => {
    const own = isolation(t);
    const filter = { ...own, schoolId: t.refs.schoolId, schoolYear: t.refs.schoolYear };
    const created = await createSet(t, own, 2);
    const { ex, ids } = await t.step('with schoolId and schoolYear', () => pageWith(t, filter, created));
    sameSet(ids, created, 'the list filtered by schoolId and schoolYear', ex);
    const other = await t.step('with another schoolYear', () => page(t, { ...filter, schoolYear: filter.schoolYear + 1 }));
    ensure(other.ids.length === 0, 'a schoolYear the items do not have should select none of them', { expected: [], observed: other.ids }, other.ex);
  }, { requires: ['writes'] });

  check('SES-GET-FILTERS-EVERY-PAGE', 'filters hold on every page of an offset walk', async (t) => {
    const { mine, created } = await twoNeighbourSets(t);
    const seen: string[] = [];
    for (let offset = 0; offset < 40; offset += 2) {
      const { ids } = await t.step(`offset=${offset}`, () => page(t, mine, { limit: 2, offset }));
      if (ids.length === 0) break;
      seen.push(...ids);
    }
    sameSet(seen, created, 'the filtered offset walk');
  }, { requires: ['writes'] });

  check('SES-GET-FILTERS-EVERY-PAGE', 'filters hold on every page of a cursor walk', async (t) => {
    const { mine, created } = await twoNeighbourSets(t);
    const start = await cursorStart(t, mine, 2);
    const seen = [...start.seen];
    let token: string | undefined = start.token;
    let last: Exchange | undefined;
    for (let i = 0; i < 20 && token !== undefined; i++) {
      const next = await t.step(`page ${i + 1} by token`, () => page(t, mine, { pageToken: token!, pageSize: 2 }));
      if (next.ids.length === 0) break;
      seen.push(...next.ids);
      last = next.ex;
      token = nextPageToken(next.ex);
    }
    // This check's own rule: no page holds an item the filter excludes.
    const wanted = new Set(created.map(idKey));
    const foreign = seen.filter((id) => !wanted.has(idKey(id)));
    ensure(foreign.length === 0, 'every page of a filtered cursor walk should hold only items that match the filter', { expected: created, observed: { foreign } }, last);
    // A walk that stopped on a non-empty page without a token says nothing about filters: the
    // cursor mechanics broke (SES-GET-CURSOR-NEXT-TOKEN), so the check is blocked by that.
    const missing = created.filter((id) => !seen.some((x) => idKey(x) === idKey(id)));
    if (missing.length && token === undefined && last) {
      await t.arrange('follow Next-Page-Token to the end of the set', () => {
        ensure(false, 'a page with items left after it should carry a Next-Page-Token', { expected: `a token (${missing.length} items not reached)`, observed: '(no Next-Page-Token)' }, last);
      }, 'SES-GET-CURSOR-NEXT-TOKEN');
    }
    sameSet(seen, created, 'the filtered cursor walk');
  }, { requires: ['writes'] });
});
