// GET /ed-fi/sessions, cursor paging with pageToken/pageSize (ODS 7.3, CONTRACT.md §4). Walks use
// a (totalInstructionalDays, beginDate, endDate) combination only the check's own items carry,
// repeated on every page; the parameter-combination checks need just one real token.
import {
  check, describe, ensure, expectProblem, expectStatus, nextPageToken, ProblemType, SESSIONS,
  type CheckContext, type Exchange,
} from '../src/index.js';
import { expectParameterRefused } from './support/refusals.js';
import { createSet, isolation, sameSet, type Query } from './support/isolated-set.js';
import { listPage, walkByCursor } from './support/walks.js';

/** The partition tokens of the filtered set (number=1 gives one token covering it). */
async function partitionTokens(t: CheckContext, query: Query): Promise<string[]> {
  const ex = await t.api.get(`${SESSIONS}/partitions`, { query: { number: 1, ...query } });
  expectStatus(ex, 200);
  const tokens = (ex.json as { pageTokens?: unknown } | undefined)?.pageTokens;
  ensure(Array.isArray(tokens) && tokens.every((x) => typeof x === 'string'), 'partitions should answer {pageTokens: string[]}', { expected: '{ pageTokens: [...] }', observed: ex.text }, ex);
  return tokens as string[];
}

/** A token the server issued: from the partitions of the whole collection, else of one new item. */
async function someToken(t: CheckContext): Promise<string> {
  const tokens = await t.step('get a real page token', () => partitionTokens(t, {}));
  if (tokens.length) return tokens[0]!;
  if (t.target.readOnly) t.skip('the collection is empty and the run is read-only, so no page token can be obtained');
  const filter = isolation(t, 'token');
  await createSet(t, filter, 1);
  const mine = await partitionTokens(t, filter);
  ensure(mine.length > 0, 'a non-empty set should have at least one partition', { expected: '>= 1 token', observed: mine });
  return mine[0]!;
}

const refused = (t: CheckContext, ex: Exchange, pattern: RegExp): void => expectParameterRefused(t, ex, pattern, 'the problem should say what was wrong with the paging parameters');

describe('GET /ed-fi/sessions: cursor paging', () => {
  check('SES-GET-CURSOR-NEXT-TOKEN', '01 a non-empty page carries Next-Page-Token and the walk continues after it', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 5);
    const first = await t.step('first page by limit', () => listPage(t, { ...filter, limit: 2 }));
    const token = nextPageToken(first.ex);
    ensure(token !== undefined, 'a non-empty page should carry Next-Page-Token', { expected: 'Next-Page-Token: …', observed: first.ex.headers }, first.ex);
    const rest = await t.step('follow Next-Page-Token', () => walkByCursor(t, filter, token, 2));
    sameSet([...first.ids, ...rest], created, 'the first page plus the pages after its token');
  }, { requires: ['writes'] });

  check('SES-GET-CURSOR-WALK', '02 a cursor walk from a partition token returns every item exactly once', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 5);
    const tokens = await partitionTokens(t, filter);
    ensure(tokens.length >= 1, 'a non-empty set should have at least one partition', { expected: '>= 1 token', observed: tokens });
    const seen: string[] = [];
    for (const [i, token] of tokens.entries()) seen.push(...(await t.step(`walk partition ${i + 1}`, () => walkByCursor(t, filter, token, 2))));
    sameSet(seen, created, 'the cursor walk');
  }, { requires: ['writes', 'partitions'] });

  check('SES-GET-CURSOR-400-OFFSET', '03 pageToken together with offset is refused', async (t) => {
    const token = await someToken(t);
    refused(t, await t.api.get(SESSIONS, { query: { pageToken: token, pageSize: 2, offset: 0 } }), /offset/i);
  }, { requires: ['partitions'] });

  check('SES-GET-CURSOR-400-LIMIT', '04 pageToken with limit but no pageSize is refused', async (t) => {
    const token = await someToken(t);
    refused(t, await t.api.get(SESSIONS, { query: { pageToken: token, limit: 2 } }), /pageSize|limit/i);
  }, { requires: ['partitions'] });

  check('SES-GET-CURSOR-400-TOTAL-COUNT', '05 pageToken with totalCount=true is refused', async (t) => {
    const token = await someToken(t);
    refused(t, await t.api.get(SESSIONS, { query: { pageToken: token, pageSize: 2, totalCount: true } }), /total/i);
  }, { requires: ['partitions'] });

  check('SES-GET-CURSOR-400-NO-TOKEN', '06 pageSize without pageToken is refused', async (t) => {
    refused(t, await t.api.get(SESSIONS, { query: { pageSize: 2 } }), /pageToken|pageSize/i);
  });

  check('SES-GET-CURSOR-400-BAD-TOKEN', '07 a token the server did not issue is refused', async (t) => {
    const token = await someToken(t);
    for (const bad of ['DefinitelyNotValid', ` ${token}`]) {
      const ex = await t.step(`pageToken=${JSON.stringify(bad)}`, () => t.api.get(SESSIONS, { query: { pageToken: bad, pageSize: 2 } }));
      refused(t, ex, /token/i);
    }
  }, { requires: ['partitions'] });

  check('SES-GET-CURSOR-400-PAGE-SIZE', '08 a pageSize above 500 is refused', async (t) => {
    const token = await someToken(t);
    refused(t, await t.api.get(SESSIONS, { query: { pageToken: token, pageSize: 501 } }), /pageSize/i);
  }, { requires: ['partitions'] });

  check('SES-GET-CURSOR-LIMIT-IGNORED', '09 ODS accepts pageToken, pageSize and limit together and ignores limit', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 3);
    const [token] = await partitionTokens(t, filter);
    ensure(token !== undefined, 'a non-empty set should have a partition', { expected: '1 token', observed: '(none)' });
    const page = await listPage(t, { ...filter, pageToken: token, pageSize: 3, limit: 1 });
    sameSet(page.ids, created, 'a page of pageSize 3 (limit ignored)');
  }, { requires: ['writes', 'partitions'] });

  check('SES-GET-CURSOR-LIMIT-REJECTED', '10 DMS refuses pageToken, pageSize and limit together', async (t) => {
    const token = await someToken(t);
    const ex = await t.api.get(SESSIONS, { query: { pageToken: token, pageSize: 2, limit: 2 } });
    expectProblem(ex, { status: 400, type: ProblemType.parameterValidationFailed });
  }, { requires: ['partitions'] });
});
