// GET /ed-fi/sessions/deletes (CONTRACT.md §1.4, §4, §5): what a delete leaves in /deletes. Each
// check deletes only sessions it created, reads /deletes from where its own write could start,
// and looks for its own items only: other checks delete in parallel. The rules /deletes shares
// with /keyChanges (bounds, Total-Count, paging, access, switched off) are declared once, for
// both lists, in sessions.tracked-changes.spec.ts.
import { check, describe, ensure, expectStatus } from '../src/index.js';
import { eventually } from './support/eventually.js';
import { keyOf, sameId, sameKey } from './support/ids.js';
import { DELETES, ownChange, trackedIn, type Deleted } from './support/tracked-changes.js';

describe('GET /ed-fi/sessions/deletes', () => {
  check('SES-DELETES-200', 'a deleted session appears with its id, change version and key values', async (t) => {
    // Reading /deletes, finding the delete once and every item's shape are this requirement's
    // own, so ownChange's steps fail this check rather than block it.
    const { item, keys } = await ownChange<Deleted>(t, DELETES);
    ensure(sameKey(item.keyValues, keys[0]!), 'keyValues should hold the natural key of the deleted session', { expected: keys[0], observed: item.keyValues });
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-DELETES-RECREATED', 'a deleted session created again leaves /deletes', async (t) => {
    const { id, from, payload } = await ownChange<Deleted>(t, DELETES);
    await t.step('POST the same natural key again', () => t.sessions.create(payload));
    const key = keyOf(payload);
    const isMine = (i: Deleted): boolean => sameId(i.id, id) || sameKey(i.keyValues, key);
    // A host may keep showing the delete for a moment: poll briefly before concluding.
    const items = await t.step('read /deletes from the delete on again', () => eventually(() => trackedIn<Deleted>(t, DELETES, { minChangeVersion: from }), (all) => !all.some(isMine)));
    const left = items.filter(isMine);
    ensure(left.length === 0, 'a natural key that exists again should not be reported as deleted', { expected: 'absent', observed: left });
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-DELETES-SAME-KEY-TWICE', 'one natural key deleted twice gives two items with distinct ids', async (t) => {
    const first = await ownChange<Deleted>(t, DELETES);
    const { id: secondId } = await t.step('create the same natural key again', () => t.sessions.create(first.payload));
    await t.arrange('delete it again', async () => expectStatus(await t.sessions.delete(secondId), 204), 'SES-DELETE-204-DELETED');
    const key = keyOf(first.payload);
    const items = await t.step('read /deletes from the first delete on', () => eventually(
      () => trackedIn<Deleted>(t, DELETES, { minChangeVersion: first.from }),
      (all) => all.filter((i) => sameKey(i.keyValues, key)).length >= 2,
    ));
    const mine = items.filter((i) => sameKey(i.keyValues, key));
    ensure(!sameId(secondId, first.id), 'the re-created session should get a new id', { expected: `not ${first.id}`, observed: secondId });
    ensure(mine.length === 2 && mine.some((i) => sameId(i.id, first.id)) && mine.some((i) => sameId(i.id, secondId)),
      'both deletes of the natural key should be listed, each with its own id', { expected: [first.id, secondId], observed: mine });
  }, { requires: ['changeQueries', 'writes'] });
});
