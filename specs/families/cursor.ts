// Family "cursor": GET-many of any resource paged by pageToken/pageSize (ODS 7.3, CONTRACT.md §4).
// Walks use the resource's isolation filter (specs/support/isolated-set.ts), which only the check's
// own items carry, repeated on every page. A page token is set-up: from Next-Page-Token of a page,
// else from the partitions endpoint, so a host without either blocks the checks that need one
// (on {R}-GET-200-LIST or {R}-PART-200) instead of failing them; checks of a refused combination
// that need no real token send theirs first. A course offering's set-up creates its session first:
// a failure there is blocked by SES-POST-201-CREATED.
import { check, describe, Differences, ensure, expectProblem, expectStatus, nextPageToken, ProblemType, requirementIdOf, type AnyResourceDescriptor, type CheckContext, type Exchange, type Family } from '../../src/index.js';
import { expectServes } from '../support/access.js';
import { isolatedSet, sameSet } from '../support/isolated-set.js';
import { expectParameterRefused } from '../support/refusals.js';
import { cursorStart, issuedToken, listPage, nonEmptyPartitions, walkByCursor } from '../support/walks.js';

const refused = (t: CheckContext, ex: Exchange, pattern: RegExp): void => expectParameterRefused(t, ex, pattern, 'the problem should say what was wrong with the paging parameters');
const cursorGet = (t: CheckContext, d: AnyResourceDescriptor, query: Record<string, string | number | boolean>): Promise<Exchange> => t.step(Object.entries(query).map(([k, v]) => (k === 'pageToken' ? k : `${k}=${v}`)).join(', '), () => t.api.get(d.path, { query }));

/**
 * pageToken, pageSize and limit together: the profile register (cursor-limit) says
 * whether limit is ignored (ODS) or the request refused (DMS); each of the two checks runs only
 * under its requirement's profile, and both read the expectation from the register.
 */
async function limitBesidePageSize(t: CheckContext, d: AnyResourceDescriptor): Promise<void> {
  const rule = t.decide(Differences.cursorLimit);
  if (rule === 'rejected') {
    const token = await issuedToken(t, d);
    expectProblem(await cursorGet(t, d, { pageToken: token, pageSize: 2, limit: 2 }), { status: 400, type: ProblemType.parameterValidationFailed });
    return;
  }
  const { filter, ids } = await isolatedSet(t, 3, { on: d });
  const start = await cursorStart(t, filter, 1, d);
  const ex = await cursorGet(t, d, { ...filter, pageToken: start.token, pageSize: 3, limit: 1 });
  if (rule === 'either' && ex.status === 400) {
    expectProblem(ex, { status: 400, type: ProblemType.parameterValidationFailed });
    return;
  }
  expectStatus(ex, 200);
  ensure(Array.isArray(ex.json), 'GET-many should answer a JSON array', { expected: '[…]', observed: ex.text }, ex);
  const page = (ex.json as Array<{ id?: unknown }>).map((i) => String(i.id));
  sameSet([...start.seen, ...page], ids, 'the pages before the token plus one page of pageSize 3 (limit ignored)', ex);
}

export const cursor: Family = {
  name: 'cursor',
  about: 'GET-many by pageToken/pageSize: Next-Page-Token, cursor walks, refused parameter combinations, limit beside pageSize by profile',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const LIST = { path: d.path, query: { limit: 1 }, serves: id('GET-200-LIST') };

    describe(`GET ${d.path}: cursor paging`, () => {
      check(id('GET-CURSOR-NEXT-TOKEN'), 'a non-empty page carries Next-Page-Token and the walk continues after it', async (t) => {
        const { filter, ids } = await isolatedSet(t, 5, { on: d });
        const first = await t.step('first page by limit', () => listPage(t, { ...filter, limit: 2 }, d));
        const token = nextPageToken(first.ex);
        ensure(token !== undefined, 'a non-empty page should carry Next-Page-Token', { expected: 'Next-Page-Token: …', observed: first.ex.headers }, first.ex);
        const rest = await t.step('follow Next-Page-Token', () => walkByCursor(t, filter, token, 2, { on: d }));
        sameSet([...first.ids, ...rest], ids, 'the first page plus the pages after its token');
      }, { requires: ['writes'] });

      check(id('GET-CURSOR-WALK'), 'a cursor walk from a partition token returns every item exactly once', async (t) => {
        const { filter, ids } = await isolatedSet(t, 5, { on: d });
        const tokens = await nonEmptyPartitions(t, { ...filter, number: 1 }, undefined, d);
        const seen: string[] = [];
        for (const [i, token] of tokens.entries()) seen.push(...(await t.step(`walk partition ${i + 1}`, () => walkByCursor(t, filter, token, 2, { on: d }))));
        sameSet(seen, ids, 'the cursor walk');
      }, { requires: ['partitions', 'writes'] });

      check(id('GET-CURSOR-400-OFFSET'), 'pageToken together with offset is refused', async (t) => {
        const token = await issuedToken(t, d);
        refused(t, await cursorGet(t, d, { pageToken: token, pageSize: 2, offset: 0 }), /offset/i);
      });

      check(id('GET-CURSOR-400-LIMIT'), 'pageToken with limit but no pageSize is refused', async (t) => {
        const token = await issuedToken(t, d);
        refused(t, await cursorGet(t, d, { pageToken: token, limit: 2 }), /pageSize|limit/i);
      });

      check(id('GET-CURSOR-400-TOTAL-COUNT'), 'pageToken with totalCount=true is refused', async (t) => {
        const token = await issuedToken(t, d);
        refused(t, await cursorGet(t, d, { pageToken: token, pageSize: 2, totalCount: true }), /total/i);
      });

      check(id('GET-CURSOR-400-NO-TOKEN'), 'pageSize without pageToken is refused', async (t) => {
        await expectServes(t, LIST);
        refused(t, await cursorGet(t, d, { pageSize: 2 }), /pageToken|pageSize/i);
      });

      check(id('GET-CURSOR-400-BAD-TOKEN'), 'a token the server did not issue is refused', async (t) => {
        await expectServes(t, LIST);
        // Garbage needs no real token: judged first, so a host that issues none still gets a verdict.
        refused(t, await cursorGet(t, d, { pageToken: 'DefinitelyNotValid', pageSize: 2 }), /token/i);
        const token = await issuedToken(t, d);
        refused(t, await t.step('pageToken = a real token with a leading space', () => t.api.get(d.path, { query: { pageToken: ` ${token}`, pageSize: 2 } })), /token/i);
      });

      check(id('GET-CURSOR-400-PAGE-SIZE'), 'a pageSize above 500 is refused', async (t) => {
        const token = await issuedToken(t, d);
        refused(t, await cursorGet(t, d, { pageToken: token, pageSize: 501 }), /pageSize/i);
      });

      check(id('GET-CURSOR-LIMIT-IGNORED'), 'ODS accepts pageToken, pageSize and limit together and ignores limit', (t) => limitBesidePageSize(t, d), { requires: ['writes'] });

      check(id('GET-CURSOR-LIMIT-REJECTED'), 'DMS refuses pageToken, pageSize and limit together', (t) => limitBesidePageSize(t, d));
    });
  },
};
