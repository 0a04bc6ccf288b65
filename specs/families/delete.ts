// Family "delete": DELETE {path}/{id} of any resource. Deleted (204, then 404), unknown id (404,
// also a second DELETE), malformed id (400), and refused while an item of a dependent resource
// references it (409 dependent-item-exists: a course offering under a session, a section under a
// course offering; the descriptor's delete-blocking dependent, created through t.setUp so its
// failed create blocks the check by a named set-up step). CONTRACT.md §6; seed DeleteSessionById
// 204, 400, 404, 409 (for other resources, their OpenAPI statuses).
import { randomUUID } from 'node:crypto';
import { check, describe, expectNoBody, expectProblem, expectStatus, ProblemType, requirementIdOf, resourceByName, type AnyResourceDescriptor, type Capability, type Family } from '../../src/index.js';
import { readAfter } from '../support/crud-reads.js';
import { deleteInSetup } from '../support/crud-writes.js';
import { expectUnchanged, readItem, unknownId } from '../support/representation.js';
import { nounOf } from '../support/resources.js';

/**
 * The probed capabilities a check needs to build the item and its dependent: each one's required
 * fixtures that have a capability (a course for a course offering). Sessions' 409 check thus needs
 * 'course', as before it was a family check.
 */
function requiredCapabilities(...resources: Array<AnyResourceDescriptor | undefined>): Capability[] {
  const needs = resources.flatMap((r) => r?.prerequisites ?? []).flatMap((p) => (p.kind === 'fixture' && p.required && p.capability ? [p.capability] : []));
  return [...new Set(needs)];
}

export const deletion: Family = {
  name: 'delete',
  about: 'DELETE by id: 204 and gone, 404 for an unknown or already deleted id, 400 for a malformed id, 409 while a dependent references it',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const noun = nounOf(d);

    describe(`DELETE ${d.path}/{id}`, () => {
      check(id('DELETE-204-DELETED'), `${d.title} is deleted with 204 and no body, and is gone afterwards`, async (t) => {
        const r = t.resource(d.name);
        const created = await r.createNew();
        await readItem(t, created.id, 'read it: it exists', d);
        const ex = await t.step('DELETE it', () => r.delete(created.id));
        expectStatus(ex, 204);
        expectNoBody(ex);
        // Only the status: the 404's problem body is {R}-GETBYID-404-UNKNOWN's business.
        const after = await t.step('GET it again', () => r.get(created.id));
        expectStatus(after, 404, `a deleted ${noun} should be gone`);
      });

      check(id('DELETE-404-UNKNOWN-ID'), `a DELETE of an id that names no ${noun} answers 404 not-found`, async (t) => {
        const ex = await t.step('DELETE a random id', () => t.resource(d.name).delete(unknownId(t)));
        expectProblem(ex, { status: 404, type: ProblemType.notFound });
      });

      check(id('DELETE-404-UNKNOWN-ID'), `a second DELETE of the same ${noun} answers 404`, async (t) => {
        const r = t.resource(d.name);
        const created = await r.createNew();
        await deleteInSetup(t, created.id, 'DELETE it', d);
        const again = await t.step('DELETE it again', () => r.delete(created.id));
        expectProblem(again, { status: 404, type: ProblemType.notFound });
      });

      check(id('DELETE-400-MALFORMED-ID'), 'a DELETE of a malformed id answers 400 naming $.id', async (t) => {
        // As Ed-Fi's own test does: a GUID-length value with a dash where no dash belongs.
        const hex = randomUUID().replace(/-/g, '');
        const ex = await t.step('DELETE a malformed id', () => t.resource(d.name).delete(`${hex.slice(0, 3)}-${hex.slice(4)}`));
        expectProblem(ex, { status: 400, type: ProblemType.dataValidationFailed, paths: ['$.id'] });
      });

      const blocking = d.dependents.find((x) => x.blocksDelete);
      const dependentTitle = (blocking && resourceByName(blocking.resource)?.title) ?? 'an item of another resource';
      check(
        id('DELETE-409-DEPENDENT'),
        `${d.title} ${dependentTitle} references is not deleted: 409 dependent-item-exists, ${noun} unchanged`,
        async (t) => {
          if (!blocking) return t.skip(`nothing the suite knows references ${d.title} and blocks its DELETE (the descriptor of ${d.name} declares no such dependent)`, 'dependent');
          const created = await t.resource(d.name).createNew();
          const dependents = await t.setUp(blocking.resource);
          // The dependent takes the item as the parent it names in its prerequisites ('session', 'courseOffering').
          const as = dependents.descriptor.prerequisites.find((p) => p.kind === 'created' && p.resource === d.name);
          if (!as || as.kind !== 'created') throw new Error(`${blocking.resource} does not reference ${d.name} through a created prerequisite`);
          await dependents.create(await dependents.prepare(undefined, { [as.as]: created }));
          const before = await readItem(t, created.id, `read the ${noun} before the DELETE`, d);
          const ex = await t.step(`DELETE the ${noun}`, () => t.resource(d.name).delete(created.id));
          expectProblem(ex, { status: 409, type: ProblemType.dependentItemExists });
          expectUnchanged(before, await readAfter(t, created.id, 'after the refused DELETE', d), `a refused DELETE should leave the ${noun} unchanged`);
        },
        { requires: requiredCapabilities(d, blocking && resourceByName(blocking.resource)) },
      );
    });
  },
};
