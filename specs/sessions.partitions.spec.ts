// GET /ed-fi/sessions/partitions (ODS 7.3, CONTRACT.md §4): the page tokens for client-side
// parallel reading. Each check filters on a (totalInstructionalDays, beginDate, endDate)
// combination only its own items carry; the undocumented allowSmallPartitions=true lets a small
// set be split (ODS otherwise keeps at least 2,500 items per partition); it is sent only under the
// ods-7.3 profile, since DMS rejects unknown query parameters.
import {
  check, describe, ensure, expectProblem, expectStatus, ProblemType, SESSIONS,
  type CheckContext, type Exchange,
} from '../src/index.js';
import { expectParameterRefused } from './support/refusals.js';
import { createSet, isolation, type Query } from './support/isolated-set.js';
import { walkByCursor } from './support/walks.js';

const PARTITIONS = `${SESSIONS}/partitions`;
const small = (t: CheckContext): Query => (t.target.profile === 'ods-7.3' ? { allowSmallPartitions: true } : {});

/** GET partitions; asserts 200 and the {pageTokens: string[]} shape with at most `number` tokens. */
async function partitions(t: CheckContext, query: Query & { number: number }): Promise<string[]> {
  const ex = await t.api.get(PARTITIONS, { query });
  expectStatus(ex, 200);
  const body = ex.json as { pageTokens?: unknown } | undefined;
  ensure(body !== null && typeof body === 'object' && Array.isArray(body.pageTokens) && body.pageTokens.every((x) => typeof x === 'string' && x.length > 0),
    'partitions should answer {pageTokens: string[]}', { expected: '{ "pageTokens": ["…"] }', observed: ex.text }, ex);
  const tokens = body.pageTokens as string[];
  ensure(tokens.length <= query.number, 'partitions should give at most `number` tokens', { expected: `<= ${query.number}`, observed: tokens.length }, ex);
  ensure(new Set(tokens).size === tokens.length, 'partition tokens should be distinct', { expected: 'distinct tokens', observed: tokens }, ex);
  return tokens;
}

const refused = (t: CheckContext, ex: Exchange, pattern: RegExp): void => expectParameterRefused(t, ex, pattern, 'the problem should say what was wrong with `number`');

describe('GET /ed-fi/sessions/partitions', () => {
  check('SES-PART-200', '01 partitions answer {pageTokens} with at most `number` tokens', async (t) => {
    const filter = isolation(t);
    await createSet(t, filter, 3);
    const tokens = await partitions(t, { ...filter, number: 2, ...small(t) });
    ensure(tokens.length >= 1, 'a non-empty set should have at least one partition', { expected: '1..2 tokens', observed: tokens });
  }, { requires: ['writes'] });

  check('SES-PART-400-NUMBER', '02 number=0 and number=201 are refused', async (t) => {
    for (const number of [0, 201]) {
      const ex = await t.step(`number=${number}`, () => t.api.get(PARTITIONS, { query: { number } }));
      refused(t, ex, /partition|number/i);
    }
  });

  check('SES-PART-NUMBER-BOUNDS', '03 number=1 and number=200 are accepted', async (t) => {
    const filter = isolation(t);
    await createSet(t, filter, 2);
    for (const number of [1, 200]) {
      const tokens = await t.step(`number=${number}`, () => partitions(t, { ...filter, number, ...small(t) }));
      ensure(tokens.length >= 1, 'a non-empty set should have at least one partition', { expected: `1..${number} tokens`, observed: tokens });
    }
  }, { requires: ['writes'] });

  check('SES-PART-WALK', '04 walking every partition returns each item once: disjoint and covering', async (t) => {
    const filter = isolation(t);
    const created = await createSet(t, filter, 9);
    const tokens = await partitions(t, { ...filter, number: 3, ...small(t) });
    const perPartition: string[][] = [];
    for (const [i, token] of tokens.entries()) perPartition.push(await t.step(`walk partition ${i + 1} of ${tokens.length}`, () => walkByCursor(t, filter, token, 2, { checkPages: false })));
    const all = perPartition.flat();
    const dupes = all.filter((id, i) => all.indexOf(id) !== i);
    ensure(dupes.length === 0, 'partitions should be disjoint (no item in two partitions or twice in one)', { expected: 'no duplicates', observed: { duplicates: dupes, perPartition } });
    const missing = created.filter((id) => !all.includes(id));
    const extra = all.filter((id) => !created.includes(id));
    ensure(missing.length === 0 && extra.length === 0, 'the partitions together should cover exactly the filtered set', { expected: created, observed: { missing, extra } });
  }, { requires: ['writes'] });

  check('SES-PART-EMPTY', '05 filters that match nothing give no partitions', async (t) => {
    const nothing = isolation(t, 'nothing');
    if (!t.target.readOnly) {
      // A neighbour that differs only in totalInstructionalDays: the table is not empty, the filter is.
      await createSet(t, { ...nothing, totalInstructionalDays: nothing.totalInstructionalDays + 1 }, 1);
    }
    const tokens = await partitions(t, { ...nothing, number: 5, ...small(t) });
    ensure(tokens.length === 0, 'an empty filtered set should have no partition tokens', { expected: [], observed: tokens });
  });

  check('SES-PART-401-UNAUTHENTICATED', '06 a missing or unknown access token is refused with 401 on partitions', async (t) => {
    const none = await t.step('no Authorization header', () => t.anonymous.get(PARTITIONS, { query: { number: 1 } }));
    expectProblem(none, { status: 401, type: ProblemType.authentication });
    const unknown = await t.step('an unknown bearer token', () => t.anonymous.get(PARTITIONS, {
      query: { number: 1 }, headers: { authorization: `Bearer ${'0'.repeat(24)}${t.seed.toString(16).padStart(8, '0').slice(-8)}` },
    }));
    expectProblem(unknown, { status: 401, type: ProblemType.authentication });
  });

  check('SES-PART-403-NO-CLAIM', '07 a client without a sessions claim is refused with 403', async (t) => {
    const ex = await t.as('noSessionsClaim').get(PARTITIONS, { query: { number: 1 } });
    expectProblem(ex, { status: 403, typePrefix: ProblemType.authorization });
  }, { requires: ['noSessionsClaim'] });
});
