// Family "key-changes": what a change of the natural key of any resource leaves in GET
// {path}/keyChanges (CONTRACT.md §1.4, §5): the item with the old and the new key, several changes
// collapsed into one. A session changes its key by its own PUT; a course offering (key not
// updatable) by a rename of its session, which cascades into it and shows under its own
// /keyChanges (specs/support/tracked-changes.ts keyChangeRoute). Each check changes only keys of
// items it created, reads /keyChanges from where its own write could start and looks for its own
// ids only. The rules /keyChanges shares with /deletes are the family "tracked-changes".
import { check, describe, ensure, requirementIdOf, type Family } from '../../src/index.js';
import { expectServes } from '../support/access.js';
import { sameTrackedKey } from '../support/ids.js';
import { nounOf } from '../support/resources.js';
import { createAndRename, findOwn, ownChange, trackedLists, type KeyChange } from '../support/tracked-changes.js';

export const keyChanges: Family = {
  name: 'key-changes',
  about: 'GET {path}/keyChanges: a key change with the old and the new key, two changes of one item collapsed into one',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const noun = nounOf(d);
    const { keyChanges: KEY_CHANGES } = trackedLists(d);

    describe(`GET ${d.path}/keyChanges`, () => {
      check(id('KEYCHG-200'), 'a key change appears with the old and the new key', async (t) => {
        // Reading /keyChanges, finding the change once and every item's shape are this requirement's
        // own, so ownChange's steps fail this check rather than block it.
        const { item, keys } = await ownChange<KeyChange>(t, KEY_CHANGES);
        ensure(sameTrackedKey(item.oldKeyValues, keys[0]!), 'oldKeyValues should hold the key before the change', { expected: keys[0], observed: item.oldKeyValues });
        ensure(sameTrackedKey(item.newKeyValues, keys[1]!), 'newKeyValues should hold the key after the change', { expected: keys[1], observed: item.newKeyValues });
      }, { requires: ['changeQueries', 'writes'] });

      check(id('KEYCHG-COLLAPSE'), `two key changes of one ${noun} collapse into one item`, async (t) => {
        await expectServes(t, KEY_CHANGES);
        const made = await createAndRename(t, 2, d);
        const latest = made.keys[2]!;
        const mine = await t.arrange('find the key changes in /keyChanges', () => findOwn<KeyChange>(t, KEY_CHANGES, made, (m) => m.some((i) => sameTrackedKey(i.newKeyValues, latest))), KEY_CHANGES.serves);
        ensure(mine.length === 1, 'two key changes inside the window should give one item', { expected: 1, observed: mine });
        ensure(sameTrackedKey(mine[0]!.oldKeyValues, made.keys[0]!), 'oldKeyValues should be the earliest key', { expected: made.keys[0], observed: mine[0]!.oldKeyValues });
        ensure(sameTrackedKey(mine[0]!.newKeyValues, latest), 'newKeyValues should be the latest key', { expected: latest, observed: mine[0]!.newKeyValues });
      }, { requires: ['changeQueries', 'writes'] });
    });
  },
};
