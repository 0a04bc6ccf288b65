// Family "partitions": GET {path}/partitions of any resource (ODS 7.3, CONTRACT.md §4), the page
// tokens for client-side parallel reading. Each check filters on the resource's isolation members,
// values only its own items carry (shown in set-up to select exactly them). Only {R}-PART-200
// judges whether the endpoint answers at all: every other check first shows it serves (a set-up
// step evidencing {R}-PART-200), so a host without partitions fails one check and blocks the rest,
// naming it. Where the profile does not require the endpoint (register: partitions-endpoint), its
// absence (404) skips them instead. Its 401 and 403 are the families "authentication" and
// "authorization".
import { check, describe, ensure, requirementIdOf, type AnyResourceDescriptor, type CheckContext, type Exchange, type Family } from '../../src/index.js';
import { expectServes } from '../support/access.js';
import { idKey } from '../support/ids.js';
import { createSet, isolate, isolatedSet, isolation, type IsolationFilter } from '../support/isolated-set.js';
import { expectParameterRefused } from '../support/refusals.js';
import { nameMemberOf, SESSIONS_RESOURCE } from '../support/resources.js';
import { nonEmptyPartitions, partitionTokens, walkByCursor } from '../support/walks.js';

const refused = (t: CheckContext, ex: Exchange, pattern: RegExp): void => expectParameterRefused(t, ex, pattern, 'the problem should say what was wrong with `number`');

/**
 * Set-up of {R}-PART-EMPTY: a filter that matches nothing, and (when the run may write) a
 * neighbour set one step away from it that does match, so the table is not empty, the filter is.
 * Sessions keep their neighbour (totalInstructionalDays + 1, the requests they always sent); other
 * resources create the neighbour first and step its first numeric isolation member. A read-only
 * run on another resource filters on a run-unique name nothing carries.
 */
async function emptyFilter(t: CheckContext, d: AnyResourceDescriptor): Promise<IsolationFilter> {
  if (d.name === SESSIONS_RESOURCE.name) {
    const nothing = isolation(t, 'nothing');
    if (t.target.readOnly) return nothing;
    const neighbour = { ...nothing, totalInstructionalDays: nothing.totalInstructionalDays + 1 };
    await isolate(t, neighbour, await createSet(t, neighbour, 1));
    await nonEmptyPartitions(t, { ...neighbour, number: 5 }, 'the neighbour set has a partition');
    return nothing;
  }
  if (t.target.readOnly) return { [nameMemberOf(d)]: `nothing ${t.target.runTag} ${t.seed}` };
  const { filter: neighbour } = await isolatedSet(t, 1, { label: 'nothing', on: d });
  const stepped = Object.keys(neighbour).find((k) => typeof neighbour[k] === 'number');
  if (!stepped) throw new Error(`${d.name}: no numeric isolation member to step for an empty filter`);
  await nonEmptyPartitions(t, { ...neighbour, number: 5 }, 'the neighbour set has a partition', d);
  return { ...neighbour, [stepped]: (neighbour[stepped] as number) + 1 };
}

export const partitions: Family = {
  name: 'partitions',
  about: 'GET {path}/partitions: {pageTokens} within `number`, number bounds, disjoint and covering partitions, none for an empty set',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const path = `${d.path}/partitions`;
    const ENDPOINT = { path, query: { number: 1 }, serves: id('PART-200') };

    describe(`GET ${path}`, () => {
      check(id('PART-200'), 'partitions answer {pageTokens} with at most `number` tokens', async (t) => {
        const { filter } = await isolatedSet(t, 3, { on: d });
        const tokens = await t.step('number=2', () => partitionTokens(t, { ...filter, number: 2 }, d));
        ensure(tokens.length >= 1, 'a non-empty set should have at least one partition', { expected: '1..2 tokens', observed: tokens });
      }, { requires: ['partitions', 'writes'] });

      check(id('PART-400-NUMBER'), 'number=0 and number=201 are refused', async (t) => {
        await expectServes(t, ENDPOINT);
        for (const number of [0, 201]) {
          const ex = await t.step(`number=${number}`, () => t.api.get(path, { query: { number } }));
          refused(t, ex, /partition|number/i);
        }
      }, { requires: ['partitions'] });

      check(id('PART-NUMBER-BOUNDS'), 'number=1 and number=200 are accepted', async (t) => {
        const { filter } = await isolatedSet(t, 2, { on: d });
        await nonEmptyPartitions(t, { ...filter, number: 2 }, undefined, d);
        for (const number of [1, 200]) {
          const tokens = await t.step(`number=${number}`, () => partitionTokens(t, { ...filter, number }, d));
          ensure(tokens.length >= 1, 'a non-empty set should have at least one partition', { expected: `1..${number} tokens`, observed: tokens });
        }
      }, { requires: ['partitions', 'writes'] });

      check(id('PART-WALK'), 'walking every partition returns each item once: disjoint and covering', async (t) => {
        const { filter, ids } = await isolatedSet(t, 9, { on: d });
        const tokens = await nonEmptyPartitions(t, { ...filter, number: 3 }, undefined, d);
        const perPartition: string[][] = [];
        for (const [i, token] of tokens.entries()) perPartition.push(await t.step(`walk partition ${i + 1} of ${tokens.length}`, () => walkByCursor(t, filter, token, 2, { checkPages: false, on: d })));
        const all = perPartition.flat().map(idKey);
        const dupes = all.filter((x, i) => all.indexOf(x) !== i);
        ensure(dupes.length === 0, 'partitions should be disjoint (no item in two partitions or twice in one)', { expected: 'no duplicates', observed: { duplicates: dupes, perPartition } });
        const missing = ids.filter((x) => !all.includes(idKey(x)));
        const extra = all.filter((x) => !ids.some((mine) => idKey(mine) === x));
        ensure(missing.length === 0 && extra.length === 0, 'the partitions together should cover exactly the filtered set', { expected: ids, observed: { missing, extra } });
      }, { requires: ['partitions', 'writes'] });

      check(id('PART-EMPTY'), 'filters that match nothing give no partitions', async (t) => {
        if (t.target.readOnly) await expectServes(t, ENDPOINT);
        const nothing = await emptyFilter(t, d);
        const tokens = await t.step('a filter that matches nothing', () => partitionTokens(t, { ...nothing, number: 5 }, d));
        ensure(tokens.length === 0, 'an empty filtered set should have no partition tokens', { expected: [], observed: tokens });
      }, { requires: ['partitions'] });
    });
  },
};
