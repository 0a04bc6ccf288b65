// Family "paging": GET-many of any resource paged by limit and offset (CONTRACT.md §4): limit
// bounds (0, 500, above and below), a negative offset, Total-Count when asked and only then, a walk
// that sees every item once, the default page size and insertion order. Each check creates its own
// items under the resource's isolation filter (specs/support/isolated-set.ts) and, as set-up,
// shows the filter selects exactly them; only then does it page. So the verdict speaks for paging
// alone: a host whose filters fail blocks these checks on {R}-GET-200-LIST instead of failing them,
// and a course offering whose session cannot be created is blocked by SES-POST-201-CREATED.
import { check, describe, Differences, ensure, nextPageToken, requirementIdOf, totalCount, type Family } from '../../src/index.js';
import { expectServes } from '../support/access.js';
import { idKey } from '../support/ids.js';
import { isolatedSet, sameSet } from '../support/isolated-set.js';
import { expectParameterRefused } from '../support/refusals.js';
import { listPage, walkByOffset } from '../support/walks.js';

export const paging: Family = {
  name: 'paging',
  about: 'GET-many by limit/offset: limit and offset bounds, Total-Count, offset walks, default page size and order',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const LIST = { path: d.path, query: { limit: 1 }, serves: id('GET-200-LIST') };
    const set = (t: Parameters<typeof isolatedSet>[0], n: number, options: { inOrder?: boolean } = {}) => isolatedSet(t, n, { ...options, on: d });

    describe(`GET ${d.path}: limit and offset`, () => {
      check(id('GET-PAGING-LIMIT-ZERO'), 'limit=0 answers an empty page without Next-Page-Token', async (t) => {
        const { filter } = await set(t, 1);
        const zero = await t.step('limit=0', () => listPage(t, { ...filter, limit: 0 }, d));
        ensure(zero.ids.length === 0, 'limit=0 should answer an empty array', { expected: [], observed: zero.ex.text }, zero.ex);
        ensure(nextPageToken(zero.ex) === undefined, 'an empty page should carry no Next-Page-Token', { expected: '(absent)', observed: nextPageToken(zero.ex) }, zero.ex);
      }, { requires: ['writes'] });

      check(id('GET-PAGING-LIMIT-MAX'), 'limit=500 is accepted', async (t) => {
        const { filter, ids } = await set(t, 2);
        const page = await t.step('limit=500', () => listPage(t, { ...filter, limit: 500 }, d));
        sameSet(page.ids, ids, 'limit=500', page.ex);
      }, { requires: ['writes'] });

      check(id('GET-400-LIMIT'), 'a limit above 500 or below 0 is refused', async (t) => {
        await expectServes(t, LIST);
        for (const limit of [501, -1]) {
          const ex = await t.step(`limit=${limit}`, () => t.api.get(d.path, { query: { limit } }));
          expectParameterRefused(t, ex, /limit/i);
        }
      });

      check(id('GET-400-OFFSET'), 'a negative offset is refused', async (t) => {
        await expectServes(t, LIST);
        expectParameterRefused(t, await t.step('offset=-1', () => t.api.get(d.path, { query: { offset: -1, limit: 5 } })), /offset/i);
      });

      check(id('GET-PAGING-TOTAL-COUNT'), 'Total-Count counts every matching item, not the page', async (t) => {
        // The set-up shows the filter selects exactly the 7 items created, so the count is known
        // without walking (the walk is {R}-GET-PAGING-OFFSET-WALK's to judge).
        const { filter, ids } = await set(t, 7);
        for (const limit of [2, 0]) {
          const { ex } = await t.step(`totalCount=true with limit=${limit}`, () => listPage(t, { ...filter, limit, totalCount: true }, d));
          const count = totalCount(ex);
          ensure(count === ids.length, 'Total-Count should count every matching item, not the page', { expected: ids.length, observed: count ?? '(no Total-Count header)' }, ex);
        }
      }, { requires: ['writes'] });

      check(id('GET-PAGING-NO-TOTAL-COUNT'), 'Total-Count is absent unless totalCount=true', async (t) => {
        const { filter } = await set(t, 1);
        for (const query of [filter, { ...filter, totalCount: false }]) {
          const { ex } = await t.step(JSON.stringify(query), () => listPage(t, query, d));
          ensure(ex.headers['total-count'] === undefined, 'Total-Count should be sent only when asked for', { expected: '(absent)', observed: ex.headers['total-count'] }, ex);
        }
      }, { requires: ['writes'] });

      check(id('GET-PAGING-OFFSET-WALK'), 'a walk by limit and offset returns every item exactly once', async (t) => {
        const { filter, ids } = await set(t, 7);
        const walked = await t.step('walk the set three at a time', () => walkByOffset(t, filter, 3, d));
        sameSet(walked, ids, 'the offset walk');
        const past = await t.step('an offset past the end', () => listPage(t, { ...filter, limit: 3, offset: 100 }, d));
        ensure(past.ids.length === 0, 'an offset past the end should answer []', { expected: [], observed: past.ex.text }, past.ex);
      }, { requires: ['writes'] });

      check(id('GET-PAGING-DEFAULT-SIZE'), 'without limit more than 25 items come back (default page size 500)', async (t) => {
        const { filter, ids } = await set(t, 26);
        const all = await t.step('GET without limit', () => listPage(t, filter, d));
        sameSet(all.ids, ids, 'GET-many without limit', all.ex);
        const size = t.decide(Differences.defaultPageSize) ?? 500;
        const unfiltered = await t.step('GET without limit or filter', () => listPage(t, {}, d));
        ensure(unfiltered.ids.length <= size, `without limit a page should hold at most ${size} items`, { expected: `<= ${size}`, observed: unfiltered.ids.length }, unfiltered.ex);
      }, { requires: ['writes'] });

      check(id('GET-PAGING-ORDER'), 'items come back in insertion order, the same on every walk', async (t) => {
        const { filter, ids } = await set(t, 5, { inOrder: true });
        const created = ids.map(idKey);
        const whole = await t.step('the whole set in one page', () => listPage(t, filter, d));
        ensure(JSON.stringify(whole.ids.map(idKey)) === JSON.stringify(created), 'items should be ordered by insertion', { expected: ids, observed: whole.ids }, whole.ex);
        // Only the relative order is this requirement's: a walk that loses or repeats an item breaks
        // {R}-GET-PAGING-OFFSET-WALK, so the paged walk is compared by first sightings.
        const paged = await t.step('walk the set two at a time', () => walkByOffset(t, filter, 2, d));
        const sighted = [...new Set(paged.map(idKey))].filter((id) => created.includes(id));
        const inOrder = sighted.every((id, i) => i === 0 || created.indexOf(id) > created.indexOf(sighted[i - 1]!));
        ensure(inOrder, 'a paged walk should see the items in the same order', { expected: ids, observed: paged });
      }, { requires: ['writes'] });
    });
  },
};
