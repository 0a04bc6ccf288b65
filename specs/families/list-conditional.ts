// Family "list-conditional": 304 on the list endpoints of any resource (seeds and OpenAPI: GET-many,
// /deletes, /keyChanges document 304 "when the current server-side ETag matched If-None-Match").
// Checked exactly under that condition: GET a list whose content only this check controls, take
// its ETag, repeat with If-None-Match. ODS 7.3 sends no ETag on lists (CONTRACT.md §3): each check
// looks at the list's own answer first and skips, quoting it, when there is no ETag. Reading the
// list and making the change are set-up (specs/support/tracked-changes.ts ownChange for the tracked lists).
import { check, describe, ensure, expectNoBody, expectStatus, requirementIdOf, type CheckContext, type Exchange, type Family } from '../../src/index.js';
import { expectServes } from '../support/access.js';
import { eventually } from '../support/eventually.js';
import { addFiltered, isolatedSet, type Query } from '../support/isolated-set.js';
import { ownChange, trackedLists } from '../support/tracked-changes.js';
import { listPage } from '../support/walks.js';

/** The list's ETag, or a skip that quotes the answer: the 304 is documented only for a list that carries one. */
function etagOrSkip(t: CheckContext, ex: Exchange, what: string): string {
  const etag = ex.headers['etag'];
  if (!etag) t.skip(`the target sends no ETag on ${what}: GET ${ex.request.url} answered ${ex.status} without an ETag header`, 'collectionEtag');
  return etag;
}

/** Same request with If-None-Match: 304 with no body; with another value: 200 with a body. */
async function conditional(t: CheckContext, path: string, query: Query, etag: string): Promise<void> {
  const hit = await t.step('repeat with If-None-Match = the ETag', () => t.api.get(path, { query, headers: { 'if-none-match': etag } }));
  expectStatus(hit, 304);
  expectNoBody(hit);
  const other = `"${etag.replace(/"/g, '')}0"`;
  const miss = await t.step('repeat with a different If-None-Match', () => t.api.get(path, { query, headers: { 'if-none-match': other } }));
  expectStatus(miss, 200);
  ensure(Array.isArray(miss.json), 'a non-matching If-None-Match should get the full list', { expected: '[…]', observed: miss.text }, miss);
}

export const listConditional: Family = {
  name: 'list-conditional',
  about: 'If-None-Match on GET-many, /deletes and /keyChanges: 304 with no body for the list\'s own ETag, 200 after a change',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);

    describe('If-None-Match on the list endpoints', () => {
      check(id('GET-304-LIST-ETAG'), 'GET-many repeated with its own ETag answers 304 with no body', async (t) => {
        etagOrSkip(t, await expectServes(t, { path: d.path, query: { limit: 1 }, serves: id('GET-200-LIST') }), 'GET-many');
        const { filter } = await isolatedSet(t, 1, { on: d });
        const first = await t.arrange('GET-many of the set', () => listPage(t, filter, d), id('GET-200-LIST'));
        const etag = etagOrSkip(t, first.ex, 'GET-many');
        await conditional(t, d.path, filter, etag);
        await t.step('add an item to the list', () => addFiltered(t, d, filter, 1));
        const changed = await t.step('the old ETag no longer matches', () => eventually(
          () => t.api.get(d.path, { query: filter, headers: { 'if-none-match': etag } }),
          (ex) => ex.status !== 304 && Array.isArray(ex.json) && ex.json.length === 2,
        ));
        expectStatus(changed, 200);
        ensure(Array.isArray(changed.json) && changed.json.length === 2, 'after a change the list should be sent again', { expected: '2 items', observed: changed.text }, changed);
      }, { requires: ['writes'] });

      const lists = trackedLists(d);
      for (const [list, template] of [[lists.deletes, 'DELETES-304-ETAG'], [lists.keyChanges, 'KEYCHG-304-ETAG']] as const) {
        check(id(template), `${list.name} repeated with its own ETag answers 304 with no body`, async (t) => {
          etagOrSkip(t, await expectServes(t, list), list.name);
          const { cv } = await ownChange(t, list);
          const window = { minChangeVersion: cv, maxChangeVersion: cv };
          const first = await t.arrange(`GET ${list.name} of the change's version`, async () => {
            const ex = await t.api.get(list.path, { query: window });
            expectStatus(ex, 200);
            return ex;
          }, list.serves);
          await conditional(t, list.path, window, etagOrSkip(t, first, list.name));
        }, { requires: ['changeQueries', 'writes'] });
      }
    });
  },
};
