// Family "version-raise": every write of any resource draws a new change version, so
// availableChangeVersions' newestChangeVersion rises (CONTRACT.md §5; PM-CQ "Full Life Cycle with
// Change Queries"). Each check reads newestChangeVersion around one write of its own with every
// other write of the run held back (specs/support/change-versions.ts raisedBy); what the write
// needs first (the item to update or delete, a course offering's session) is made before, outside
// that hold, so only the write under test lies between the reads; the hold, not the order of the
// checks, keeps other writes out, so they need not run one after another.
// availableChangeVersions itself (shape, oldest, monotonic) is API-wide and a session key change
// is sessions' alone: both stay in specs/change-versions.spec.ts.
import { check, describe, expectStatus, requirementIdOf, type Family } from '../../src/index.js';
import { raisedBy } from '../support/change-versions.js';
import { nounOf } from '../support/resources.js';

export const versionRaise: Family = {
  name: 'version-raise',
  about: 'newestChangeVersion rises with a create, a non-key update and a delete',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const noun = nounOf(d);

    describe(`availableChangeVersions after a write of ${d.title}`, () => {
      check(id('ACV-RAISE-CREATE'), `creating ${d.title} raises newestChangeVersion`, async (t) => {
        const r = t.resource(d.name);
        const payload = await r.prepare();
        await raisedBy(t, `create ${d.title}`, async () => void (await r.create(payload)), id('POST-201-CREATED'));
      }, { requires: ['changeQueries', 'writes'] });

      check(id('ACV-RAISE-UPDATE'), `updating ${d.title} raises newestChangeVersion`, async (t) => {
        const r = t.resource(d.name);
        const { id: itemId, payload } = await r.createNew();
        await raisedBy(t, 'update a non-key field', async () => expectStatus(await r.update(itemId, d.nonKeyChange(payload)), 204), id('PUT-204-UPDATED'));
      }, { requires: ['changeQueries', 'writes'] });

      check(id('ACV-RAISE-DELETE'), `deleting ${d.title} raises newestChangeVersion`, async (t) => {
        const r = t.resource(d.name);
        const { id: itemId } = await r.createNew();
        await raisedBy(t, `delete the ${noun}`, async () => expectStatus(await r.delete(itemId), 204), id('DELETE-204-DELETED'));
      }, { requires: ['changeQueries', 'writes'] });
    });
  },
};
