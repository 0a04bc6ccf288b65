// GET /ed-fi/sessions: the list answer itself (200, body schema, filters), filters repeated on every
// page of a walk, and who may list (401, 403). Isolation: a (totalInstructionalDays, beginDate,
// endDate) combination only the check's own items carry (CONTRACT.md §1.3, §4).
import {
  check, describe, ensure, expectProblem, expectSessionBody, expectStatus, nextPageToken, ProblemType, SESSIONS,
  type CheckContext, type Exchange,
} from '../src/index.js';
import { createSet, isolation, sameSet, type Isolation, type Query } from './support/isolated-set.js';

type Item = { id?: unknown; totalInstructionalDays?: unknown; beginDate?: unknown; endDate?: unknown; schoolReference?: { schoolId?: unknown }; schoolYearTypeReference?: { schoolYear?: unknown } };

/** GET one page; asserts 200, an array, and that every item matches every filter value sent. */
async function page(t: CheckContext, filter: Isolation, paging: Query): Promise<{ ex: Exchange; ids: string[] }> {
  const ex = await t.api.get(SESSIONS, { query: { ...filter, ...paging } });
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
  const items = ex.json as Item[];
  const off = items.filter((i) => i.totalInstructionalDays !== filter.totalInstructionalDays || i.beginDate !== filter.beginDate
    || i.endDate !== filter.endDate || i.schoolReference?.schoolId !== filter.schoolId || i.schoolYearTypeReference?.schoolYear !== filter.schoolYear);
  ensure(off.length === 0, 'every item on the page should match the filters', { expected: filter, observed: off.slice(0, 3) }, ex);
  return { ex, ids: items.map((i) => String(i.id)) };
}

/** Two sets that differ only in totalInstructionalDays: the filter must keep them apart on every page. */
async function twoNeighbourSets(t: CheckContext): Promise<{ mine: Isolation; created: string[] }> {
  const mine = isolation(t);
  const neighbour = { ...mine, totalInstructionalDays: mine.totalInstructionalDays + 1 };
  const created = await createSet(t, mine, 5);
  await createSet(t, neighbour, 5);
  return { mine, created };
}

describe('GET /ed-fi/sessions: answer, filters, access', () => {
  check('SES-GET-200-LIST', '01 GET-many answers 200 with valid sessions that match the filters', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 2);
    const { ex, ids } = await page(t, filter, {});
    ensure(/application\/json/i.test(ex.headers['content-type'] ?? ''), 'GET-many should answer JSON', { expected: 'application/json', observed: ex.headers['content-type'] }, ex);
    await expectSessionBody(ex);
    sameSet(ids, created, 'the filtered list');
  }, { requires: ['writes'] });

  check('SES-GET-FILTERS-EVERY-PAGE', '02 filters hold on every page of an offset walk', async (t) => {
    const { mine, created } = await twoNeighbourSets(t);
    const seen: string[] = [];
    for (let offset = 0; offset < 40; offset += 2) {
      const { ids } = await t.step(`offset=${offset}`, () => page(t, mine, { limit: 2, offset }));
      if (ids.length === 0) break;
      seen.push(...ids);
    }
    sameSet(seen, created, 'the filtered offset walk');
  }, { requires: ['writes'] });

  check('SES-GET-FILTERS-EVERY-PAGE', '03 filters hold on every page of a cursor walk', async (t) => {
    const { mine, created } = await twoNeighbourSets(t);
    const first = await t.step('first page by limit', () => page(t, mine, { limit: 2 }));
    const seen = [...first.ids];
    let token = nextPageToken(first.ex);
    if (token === undefined) {
      // Hosts that give no token on limit/offset pages: start from the partitions endpoint instead.
      if (!t.target.capabilities.partitions) t.skip('the target gives no Next-Page-Token on a limit page and has no partitions endpoint');
      const part = await t.api.get(`${SESSIONS}/partitions`, { query: { ...mine, number: 1 } });
      expectStatus(part, 200);
      token = ((part.json as { pageTokens?: string[] }).pageTokens ?? [])[0];
      seen.length = 0;
    }
    for (let i = 0; i < 20 && token !== undefined; i++) {
      const next = await t.step(`page ${i + 2} by token`, () => page(t, mine, { pageToken: token!, pageSize: 2 }));
      if (next.ids.length === 0) break;
      seen.push(...next.ids);
      token = nextPageToken(next.ex);
    }
    sameSet(seen, created, 'the filtered cursor walk');
  }, { requires: ['writes'] });

  check('SES-GET-401-UNAUTHENTICATED', '04 a missing or unknown access token is refused with 401 on the list', async (t) => {
    const none = await t.step('no Authorization header', () => t.anonymous.get(SESSIONS, { query: { limit: 1 } }));
    expectProblem(none, { status: 401, type: ProblemType.authentication });
    const unknown = await t.step('an unknown bearer token', () => t.anonymous.get(SESSIONS, {
      query: { limit: 1 }, headers: { authorization: `Bearer ${'f'.repeat(24)}${t.seed.toString(16).padStart(8, '0').slice(-8)}` },
    }));
    expectProblem(unknown, { status: 401, type: ProblemType.authentication });
  });

  check('SES-GET-403-NO-CLAIM', '05 a client without a sessions claim is refused with 403', async (t) => {
    const ex = await t.as('noSessionsClaim').get(SESSIONS, { query: { limit: 1 } });
    expectProblem(ex, { status: 403, typePrefix: ProblemType.authorization });
  }, { requires: ['noSessionsClaim'] });
});
