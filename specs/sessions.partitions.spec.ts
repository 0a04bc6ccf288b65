// GET /ed-fi/sessions/partitions (ODS 7.3, CONTRACT.md §4): the page tokens for client-side
// parallel reading. Each check filters on a non-reference combination only its own items carry
// (shown in set-up to select exactly them). Only SES-PART-200 judges whether the endpoint answers
// at all: every other check first shows it serves (a set-up step evidencing SES-PART-200), so a
// host without partitions fails one check and blocks the rest, naming it. Where the profile does
// not require the endpoint (register: partitions-endpoint), its absence (404) skips them instead.
import { check, describe, ensure, type CheckContext, type Exchange } from '../src/index.js';
import { expectNoClaimRefused, expectServes, expectUnauthenticated } from './support/access.js';
import { UNUSABLE_CREDENTIALS } from './support/crud-credentials.js';
import { idKey } from './support/ids.js';
import { createSet, isolate, isolatedSet, isolation } from './support/isolated-set.js';
import { expectParameterRefused } from './support/refusals.js';
import { nonEmptyPartitions, PARTITIONS, partitionTokens, walkByCursor } from './support/walks.js';

const ENDPOINT = { path: PARTITIONS, query: { number: 1 }, serves: 'SES-PART-200' };
const refused = (t: CheckContext, ex: Exchange, pattern: RegExp): void => expectParameterRefused(t, ex, pattern, 'the problem should say what was wrong with `number`');

describe('GET /ed-fi/sessions/partitions', () => {
  check('SES-PART-200', 'partitions answer {pageTokens} with at most `number` tokens', async (t) => {
    const { filter } = await isolatedSet(t, 3);
    const tokens = await t.step('number=2', () => partitionTokens(t, { ...filter, number: 2 }));
    ensure(tokens.length >= 1, 'a non-empty set should have at least one partition', { expected: '1..2 tokens', observed: tokens });
  }, { requires: ['partitions', 'writes'] });

  check('SES-PART-400-NUMBER', 'number=0 and number=201 are refused', async (t) => {
    await expectServes(t, ENDPOINT);
    for (const number of [0, 201]) {
      const ex = await t.step(`number=${number}`, () => t.api.get(PARTITIONS, { query: { number } }));
      refused(t, ex, /partition|number/i);
    }
  }, { requires: ['partitions'] });

  check('SES-PART-NUMBER-BOUNDS', 'number=1 and number=200 are accepted', async (t) => {
    const { filter } = await isolatedSet(t, 2);
    await nonEmptyPartitions(t, { ...filter, number: 2 });
    for (const number of [1, 200]) {
      const tokens = await t.step(`number=${number}`, () => partitionTokens(t, { ...filter, number }));
      ensure(tokens.length >= 1, 'a non-empty set should have at least one partition', { expected: `1..${number} tokens`, observed: tokens });
    }
  }, { requires: ['partitions', 'writes'] });

  check('SES-PART-WALK', 'walking every partition returns each item once: disjoint and covering', async (t) => {
    const { filter, ids } = await isolatedSet(t, 9);
    const tokens = await nonEmptyPartitions(t, { ...filter, number: 3 });
    const perPartition: string[][] = [];
    for (const [i, token] of tokens.entries()) perPartition.push(await t.step(`walk partition ${i + 1} of ${tokens.length}`, () => walkByCursor(t, filter, token, 2, { checkPages: false })));
    const all = perPartition.flat().map(idKey);
    const dupes = all.filter((id, i) => all.indexOf(id) !== i);
    ensure(dupes.length === 0, 'partitions should be disjoint (no item in two partitions or twice in one)', { expected: 'no duplicates', observed: { duplicates: dupes, perPartition } });
    const missing = ids.filter((id) => !all.includes(idKey(id)));
    const extra = all.filter((id) => !ids.some((mine) => idKey(mine) === id));
    ensure(missing.length === 0 && extra.length === 0, 'the partitions together should cover exactly the filtered set', { expected: ids, observed: { missing, extra } });
  }, { requires: ['partitions', 'writes'] });

  check('SES-PART-EMPTY', 'filters that match nothing give no partitions', async (t) => {
    const nothing = isolation(t, 'nothing');
    if (t.target.readOnly) {
      await expectServes(t, ENDPOINT);
    } else {
      // A neighbour that differs only in totalInstructionalDays: the table is not empty, the filter is.
      const neighbour = { ...nothing, totalInstructionalDays: nothing.totalInstructionalDays + 1 };
      await isolate(t, neighbour, await createSet(t, neighbour, 1));
      await nonEmptyPartitions(t, { ...neighbour, number: 5 }, 'the neighbour set has a partition');
    }
    const tokens = await t.step('a filter that matches nothing', () => partitionTokens(t, { ...nothing, number: 5 }));
    ensure(tokens.length === 0, 'an empty filtered set should have no partition tokens', { expected: [], observed: tokens });
  }, { requires: ['partitions'] });

  for (const credential of UNUSABLE_CREDENTIALS) {
    check('SES-PART-401-UNAUTHENTICATED', `partitions with ${credential.what} answer 401 authentication`, async (t) => {
      await expectUnauthenticated(t, ENDPOINT, credential);
    }, { requires: ['partitions'], key: credential.key });
  }

  check('SES-PART-403-NO-CLAIM', 'a client without a sessions claim is refused with 403', async (t) => {
    await expectNoClaimRefused(t, ENDPOINT);
  }, { requires: ['partitions', 'noSessionsClaim'] });
});
