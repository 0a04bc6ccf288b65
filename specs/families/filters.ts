// Family "filters": GET {path} of any resource, the list answer itself (200, body schema, the items
// the filters select), the reference-field filters among them, and filters held on every page of
// an offset and of a cursor walk (CONTRACT.md §1.3, §4). Which members a check filters by comes
// from the descriptor: its isolation members (values only the check's own items carry) and the
// reference members of its natural key (schoolId, schoolYear; an offering's sessionName too),
// sent by their leaf names as ODS's GET-many query parameters name them. These are the checks a
// refused or ignored filter fails; the paging checks elsewhere are blocked by it instead. 401 and
// 403 of GET-many stay in specs/sessions.filters.spec.ts (auth).
import { check, describe, ensure, expectResourceBody, expectStatus, memberAt, nextPageToken, requirementIdOf, type AnyResourceDescriptor, type CheckContext, type Exchange, type Family } from '../../src/index.js';
import { eventually } from '../support/eventually.js';
import { idKey } from '../support/ids.js';
import { addFiltered, filteredSet, isolate, neighbourOf, sameSet, type IsolationFilter, type Query } from '../support/isolated-set.js';
import { cursorStart } from '../support/walks.js';

type Filter = Record<string, string | number>;

/** The query parameter of each reference member of the natural key (its leaf) and the member path. */
export function referenceFilters(d: Pick<AnyResourceDescriptor, 'naturalKey'>): Array<{ param: string; member: string }> {
  return d.naturalKey.filter((k) => k.includes('.')).map((member) => ({ param: member.split('.').pop()!, member }));
}

/** The member path a filter parameter reads in an item: an isolation member itself, a reference member by its leaf. */
function memberOf(d: AnyResourceDescriptor, param: string): string {
  return referenceFilters(d).find((r) => r.param === param)?.member ?? param;
}

/** Whether an item carries every filter value sent (reference fields read from their references). */
function matches(d: AnyResourceDescriptor, item: unknown, filter: Filter): boolean {
  return Object.entries(filter).every(([param, value]) => memberAt(item, memberOf(d, param)) === value);
}

/** GET one page; asserts 200, an array, and that every item matches every filter value sent. */
async function page(t: CheckContext, d: AnyResourceDescriptor, filter: Filter, paging: Query = {}): Promise<{ ex: Exchange; ids: string[] }> {
  const ex = await t.api.get(d.path, { query: { ...filter, ...paging } });
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
  const items = ex.json as Array<{ id?: unknown }>;
  const off = items.filter((i) => !matches(d, i, filter));
  ensure(off.length === 0, 'every item on the page should match the filters', { expected: filter, observed: off.slice(0, 3) }, ex);
  return { ex, ids: items.map((i) => String(i.id)) };
}

/** The filtered list once every created item shows (polling briefly for a slow host). */
const pageWith = (t: CheckContext, d: AnyResourceDescriptor, filter: Filter, ids: string[]): Promise<{ ex: Exchange; ids: string[] }> =>
  eventually(() => page(t, d, filter), (p) => ids.every((id) => p.ids.some((x) => idKey(x) === idKey(id))));

/** Set-up: two sets that differ only in one isolation value; the filter must keep them apart on every page. */
async function twoNeighbourSets(t: CheckContext, d: AnyResourceDescriptor): Promise<{ mine: IsolationFilter; created: string[] }> {
  const { filter: mine, ids: created } = await filteredSet(t, d, 5);
  await addFiltered(t, d, neighbourOf(d, mine), 5);
  await isolate(t, mine, created, d);
  return { mine, created };
}

/** "a and b", "a, b and c". */
const listed = (words: string[]): string => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

export const filters: Family = {
  name: 'filters',
  about: 'GET-many: 200 with valid items that match the filters, reference-field filters, filters on every page of an offset and a cursor walk',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const nouns = `${d.title.replace(/^an? /, '')}s`;
    const references = referenceFilters(d);

    describe(`GET ${d.path}: answer, filters`, () => {
      check(id('GET-200-LIST'), `GET-many answers 200 with valid ${nouns} that match the filters`, async (t) => {
        const { filter, ids: created } = await filteredSet(t, d, 2);
        const { ex, ids } = await t.step('GET-many with the isolation filter', () => pageWith(t, d, filter, created));
        ensure(/application\/json/i.test(ex.headers['content-type'] ?? ''), 'GET-many should answer JSON', { expected: 'application/json', observed: ex.headers['content-type'] }, ex);
        await expectResourceBody(d, ex);
        sameSet(ids, created, 'the filtered list', ex);
        // Whatever form a host gives its ids, a list names each item by the id its Location gave.
        const altered = ids.filter((x) => !created.includes(x));
        ensure(altered.length === 0, "each listed item should carry, character for character, the id its creation's Location named", { expected: created, observed: ids }, ex);
      }, { requires: ['writes'] });

      check(id('GET-200-LIST'), `the reference-field filters ${listed(references.map((r) => r.param))} select the items too`, async (t) => {
        const { filter: own, ids: created, payloads } = await filteredSet(t, d, 2);
        const filter: Filter = { ...own, ...Object.fromEntries(references.map((r) => [r.param, memberAt(payloads[0], r.member) as string | number])) };
        const { ex, ids } = await t.step(`with ${listed(references.map((r) => r.param))}`, () => pageWith(t, d, filter, created));
        sameSet(ids, created, `the list filtered by ${listed(references.map((r) => r.param))}`, ex);
        // One reference filter changed to a value the items do not have: the last numeric one (schoolYear).
        const stepped = [...references].reverse().find((r) => typeof filter[r.param] === 'number')?.param;
        if (!stepped) return;
        const other = await t.step(`with another ${stepped}`, () => page(t, d, { ...filter, [stepped]: (filter[stepped] as number) + 1 }));
        ensure(other.ids.length === 0, `a ${stepped} the items do not have should select none of them`, { expected: [], observed: other.ids }, other.ex);
      }, { requires: ['writes'] });

      check(id('GET-FILTERS-EVERY-PAGE'), 'filters hold on every page of an offset walk', async (t) => {
        const { mine, created } = await twoNeighbourSets(t, d);
        const seen: string[] = [];
        for (let offset = 0; offset < 40; offset += 2) {
          const { ids } = await t.step(`offset=${offset}`, () => page(t, d, mine, { limit: 2, offset }));
          if (ids.length === 0) break;
          seen.push(...ids);
        }
        sameSet(seen, created, 'the filtered offset walk');
      }, { requires: ['writes'] });

      check(id('GET-FILTERS-EVERY-PAGE'), 'filters hold on every page of a cursor walk', async (t) => {
        const { mine, created } = await twoNeighbourSets(t, d);
        const start = await cursorStart(t, mine, 2, d);
        const seen = [...start.seen];
        let token: string | undefined = start.token;
        let last: Exchange | undefined;
        for (let i = 0; i < 20 && token !== undefined; i++) {
          const next = await t.step(`page ${i + 1} by token`, () => page(t, d, mine, { pageToken: token!, pageSize: 2 }));
          if (next.ids.length === 0) break;
          seen.push(...next.ids);
          last = next.ex;
          token = nextPageToken(next.ex);
        }
        // This check's own rule: no page holds an item the filter excludes.
        const wanted = new Set(created.map(idKey));
        const foreign = seen.filter((x) => !wanted.has(idKey(x)));
        ensure(foreign.length === 0, 'every page of a filtered cursor walk should hold only items that match the filter', { expected: created, observed: { foreign } }, last);
        // A walk that stopped on a non-empty page without a token says nothing about filters: the
        // cursor mechanics broke ({R}-GET-CURSOR-NEXT-TOKEN), so the check is blocked by that.
        const missing = created.filter((x) => !seen.some((y) => idKey(y) === idKey(x)));
        if (missing.length && token === undefined && last) {
          await t.arrange('follow Next-Page-Token to the end of the set', () => {
            ensure(false, 'a page with items left after it should carry a Next-Page-Token', { expected: `a token (${missing.length} items not reached)`, observed: '(no Next-Page-Token)' }, last);
          }, id('GET-CURSOR-NEXT-TOKEN'));
        }
        sameSet(seen, created, 'the filtered cursor walk');
      }, { requires: ['writes'] });
    });
  },
};
