// Family "deletes": what a DELETE of any resource leaves in GET {path}/deletes (CONTRACT.md §1.4,
// §4, §5): the item with its id, change version and key values; gone again once its natural key is
// created again; a key deleted twice listed twice. Each check deletes only items it created, reads
// /deletes from where its own write could start, and looks for its own items only: other checks
// delete in parallel. The rules /deletes shares with /keyChanges (bounds, Total-Count, paging,
// access, switched off) are the family "tracked-changes".
import { check, describe, ensure, expectStatus, requirementIdOf, type Family } from '../../src/index.js';
import { eventually } from '../support/eventually.js';
import { sameId, sameTrackedKey, trackedKeyOf } from '../support/ids.js';
import { nounOf } from '../support/resources.js';
import { ownChange, trackedIn, trackedLists, type Deleted } from '../support/tracked-changes.js';

export const deletes: Family = {
  name: 'deletes',
  about: 'GET {path}/deletes: a deleted item with its key values, not listed once re-created, a key deleted twice listed twice',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const noun = nounOf(d);
    const { deletes: DELETES } = trackedLists(d);

    describe(`GET ${d.path}/deletes`, () => {
      check(id('DELETES-200'), `a deleted ${noun} appears with its id, change version and key values`, async (t) => {
        // Reading /deletes, finding the delete once and every item's shape are this requirement's
        // own, so ownChange's steps fail this check rather than block it.
        const { item, keys } = await ownChange<Deleted>(t, DELETES);
        ensure(sameTrackedKey(item.keyValues, keys[0]!), `keyValues should hold the natural key of the deleted ${noun}`, { expected: keys[0], observed: item.keyValues });
      }, { requires: ['changeQueries', 'writes'] });

      check(id('DELETES-RECREATED'), `a deleted ${noun} created again leaves /deletes`, async (t) => {
        const { id: deletedId, from, payload } = await ownChange<Deleted>(t, DELETES);
        await t.step('POST the same natural key again', () => t.resource(d.name).create(payload));
        const key = trackedKeyOf(d, payload);
        const isMine = (i: Deleted): boolean => sameId(i.id, deletedId) || sameTrackedKey(i.keyValues, key);
        // A host may keep showing the delete for a moment: poll briefly before concluding.
        const items = await t.step('read /deletes from the delete on again', () => eventually(() => trackedIn<Deleted>(t, DELETES, { minChangeVersion: from }), (all) => !all.some(isMine)));
        const left = items.filter(isMine);
        ensure(left.length === 0, 'a natural key that exists again should not be reported as deleted', { expected: 'absent', observed: left });
      }, { requires: ['changeQueries', 'writes'] });

      check(id('DELETES-SAME-KEY-TWICE'), 'one natural key deleted twice gives two items with distinct ids', async (t) => {
        const r = t.resource(d.name);
        const first = await ownChange<Deleted>(t, DELETES);
        const { id: secondId } = await t.step('create the same natural key again', () => r.create(first.payload));
        await t.arrange('delete it again', async () => expectStatus(await r.delete(secondId), 204), id('DELETE-204-DELETED'));
        const key = trackedKeyOf(d, first.payload);
        const items = await t.step('read /deletes from the first delete on', () => eventually(
          () => trackedIn<Deleted>(t, DELETES, { minChangeVersion: first.from }),
          (all) => all.filter((i) => sameTrackedKey(i.keyValues, key)).length >= 2,
        ));
        const mine = items.filter((i) => sameTrackedKey(i.keyValues, key));
        ensure(!sameId(secondId, first.id), `the re-created ${noun} should get a new id`, { expected: `not ${first.id}`, observed: secondId });
        ensure(mine.length === 2 && mine.some((i) => sameId(i.id, first.id)) && mine.some((i) => sameId(i.id, secondId)),
          'both deletes of the natural key should be listed, each with its own id', { expected: [first.id, secondId], observed: mine });
      }, { requires: ['changeQueries', 'writes'] });
    });
  },
};
