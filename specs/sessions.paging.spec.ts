// GET /ed-fi/sessions, limit/offset paging (CONTRACT.md §4). Each check creates its own sessions,
// all carrying a (totalInstructionalDays, beginDate, endDate) combination derived from the run tag
// and the check's seed, and filters on it: only its own items are counted, whatever runs beside it.
import {
  check, describe, ensure, expectProblem, nextPageToken, totalCount, ProblemType, SESSIONS,
  type CheckContext, type Exchange,
} from '../src/index.js';
import { createSet, isolation, sameSet } from './support/isolated-set.js';
import { listPage, walkByOffset } from './support/walks.js';

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
    const one = await t.step('limit=1 finds the item (the filter matches)', () => listPage(t, { ...filter, limit: 1 }));
    ensure(one.ids.length === 1, 'the filtered set should hold the one item created', { expected: 1, observed: one.ids.length }, one.ex);
    const zero = await t.step('limit=0', () => listPage(t, { ...filter, limit: 0 }));
    ensure(zero.ids.length === 0, 'limit=0 should answer an empty array', { expected: [], observed: zero.ex.text }, zero.ex);
    ensure(nextPageToken(zero.ex) === undefined, 'an empty page should carry no Next-Page-Token', { expected: '(absent)', observed: nextPageToken(zero.ex) }, zero.ex);
  }, { requires: ['writes'] });

  check('SES-GET-PAGING-LIMIT-MAX', '02 limit=500 is accepted', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 2);
    const page = await listPage(t, { ...filter, limit: 500 });
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
      const { ex } = await t.step(`totalCount=true with limit=${limit}`, () => listPage(t, { ...filter, limit, totalCount: true }));
      const count = totalCount(ex);
      ensure(count === walked.length, 'Total-Count should count every matching item, not the page', { expected: walked.length, observed: count ?? '(no Total-Count header)' }, ex);
    }
  }, { requires: ['writes'] });

  check('SES-GET-PAGING-NO-TOTAL-COUNT', '06 Total-Count is absent unless totalCount=true', async (t) => {
    const filter = isolation(t);
    await createSet(t, filter, 1);
    for (const query of [filter, { ...filter, totalCount: false }]) {
      const { ex } = await listPage(t, query);
      ensure(ex.headers['total-count'] === undefined, 'Total-Count should be sent only when asked for', { expected: '(absent)', observed: ex.headers['total-count'] }, ex);
    }
  }, { requires: ['writes'] });

  check('SES-GET-PAGING-OFFSET-WALK', '07 a walk by limit and offset returns every item exactly once', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 7);
    const walked = await walkByOffset(t, filter, 3);
    sameSet(walked, created, 'the offset walk');
    const past = await t.step('an offset past the end', () => listPage(t, { ...filter, limit: 3, offset: 100 }));
    ensure(past.ids.length === 0, 'an offset past the end should answer []', { expected: [], observed: past.ex.text }, past.ex);
  }, { requires: ['writes'] });

  check('SES-GET-PAGING-DEFAULT-SIZE', '08 without limit more than 25 items come back (default page size 500)', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 26);
    const all = await t.step('GET without limit', () => listPage(t, filter));
    sameSet(all.ids, created, 'GET-many without limit');
    const unfiltered = await t.step('GET without limit or filter', () => listPage(t, {}));
    ensure(unfiltered.ids.length <= 500, 'without limit a page should hold at most 500 items', { expected: '<= 500', observed: unfiltered.ids.length }, unfiltered.ex);
  }, { requires: ['writes'] });

  check('SES-GET-PAGING-ORDER', '09 items come back in insertion order, the same on every walk', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 5, true);
    const whole = await listPage(t, filter);
    ensure(JSON.stringify(whole.ids) === JSON.stringify(created), 'items should be ordered by insertion', { expected: created, observed: whole.ids }, whole.ex);
    const paged = await walkByOffset(t, filter, 2);
    ensure(JSON.stringify(paged) === JSON.stringify(created), 'a paged walk should see the same order', { expected: created, observed: paged });
  }, { requires: ['writes'] });
});
