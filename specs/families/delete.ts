// Family "delete": DELETE {path}/{id} of any resource. Deleted (204, then 404), unknown id (404,
// also a second DELETE), malformed id (400). CONTRACT.md §6; seed DeleteSessionById 204, 400, 404
// (for other resources, their OpenAPI statuses). A DELETE refused because dependents reference the
// item (409) is resource-specific: sessions' is in specs/sessions.delete.spec.ts.
import { randomUUID } from 'node:crypto';
import { check, describe, expectNoBody, expectProblem, expectStatus, ProblemType, requirementIdOf, type Family } from '../../src/index.js';
import { deleteInSetup } from '../support/crud-writes.js';
import { readItem, unknownId } from '../support/representation.js';
import { nounOf } from '../support/resources.js';

export const deletion: Family = {
  name: 'delete',
  about: 'DELETE by id: 204 and gone, 404 for an unknown or already deleted id, 400 for a malformed id',
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
    });
  },
};
