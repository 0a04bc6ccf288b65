// GET /ed-fi/sessions/keyChanges (CONTRACT.md §1.4, §5): a PUT that changes sessionName (part of
// the natural key) is tracked with the old and new keys. Each check renames only sessions it
// created, reads /keyChanges from where its own write could start and looks for its own ids only.
// The rules /keyChanges shares with /deletes (bounds, Total-Count, paging, access, switched off)
// are declared once, for both lists, in sessions.tracked-changes.spec.ts.
import { check, describe, ensure } from '../src/index.js';
import { expectServes } from './support/access.js';
import { sameKey } from './support/ids.js';
import { createAndRename, findOwn, KEY_CHANGES, ownChange, type KeyChange } from './support/tracked-changes.js';

describe('GET /ed-fi/sessions/keyChanges', () => {
  check('SES-KEYCHG-200', 'a key change appears with the old and the new key', async (t) => {
    // Reading /keyChanges, finding the change once and every item's shape are this requirement's
    // own, so ownChange's steps fail this check rather than block it.
    const { item, keys } = await ownChange<KeyChange>(t, KEY_CHANGES);
    ensure(sameKey(item.oldKeyValues, keys[0]!), 'oldKeyValues should hold the key before the change', { expected: keys[0], observed: item.oldKeyValues });
    ensure(sameKey(item.newKeyValues, keys[1]!), 'newKeyValues should hold the key after the change', { expected: keys[1], observed: item.newKeyValues });
  }, { requires: ['changeQueries', 'writes'] });

  check('SES-KEYCHG-COLLAPSE', 'two key changes of one session collapse into one item', async (t) => {
    await expectServes(t, KEY_CHANGES);
    const { id, from, keys } = await createAndRename(t, 2);
    const latest = keys[2]!;
    const mine = await t.arrange('find the key changes in /keyChanges', () => findOwn<KeyChange>(t, KEY_CHANGES, id, from, (m) => m.some((i) => sameKey(i.newKeyValues, latest))), KEY_CHANGES.serves);
    ensure(mine.length === 1, 'two key changes inside the window should give one item', { expected: 1, observed: mine });
    ensure(sameKey(mine[0]!.oldKeyValues, keys[0]!), 'oldKeyValues should be the earliest key', { expected: keys[0], observed: mine[0]!.oldKeyValues });
    ensure(sameKey(mine[0]!.newKeyValues, latest), 'newKeyValues should be the latest key', { expected: latest, observed: mine[0]!.newKeyValues });
  }, { requires: ['changeQueries', 'writes'] });
});
