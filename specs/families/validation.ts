// Family "validation": write cases generated from the resource's schema in the committed contract
// (generators/invalid/schema-cases.ts), one check per case, its title naming the member. Refused
// (POST and PUT): each required member missing, each maxLength + 1, each member of the wrong JSON
// type: 400 data-validation-failed naming the member, nothing created / the item unchanged.
// Accepted (POST): unknown members ignored (CONTRACT.md §1.6), exactly maxLength, every optional
// member absent: 201 and the item reads back as meant. CONTRACT.md §1.6, §2.3; the resource's
// documented 400 (seed PostSession/PutSession 400; for other resources their OpenAPI).
// A case sessions' hand-written catalogue (specs/sessions.validation*.spec.ts) already holds is not
// generated again (generatedCasesFor); the semantic cases (references, descriptors, key
// unification, media types) stay there.
// Cost: a refused POST is the POST and a list by name; a refused PUT the create, the PUT and one
// read; an accepted POST the POST and one read. The valid body's created parent (a course
// offering's session) is one per describe, shared by its checks (specs/support/shared-parents.ts):
// it is what the cases stand on, not what they check. Creating the parents and the item a PUT goes to, the
// list and the reads are set-up (blocked by their own requirements); the answer and what it left
// behind are the check.
import { generatedCasesFor, UNKNOWN_MEMBER, type SchemaCase, type SchemaRule, type WriteMethod } from '../../generators/index.js';
import { check, describe, ensure, expectProblem, expectStatus, ProblemType, requirementIdOf, type AnyResourceDescriptor, type CheckContext, type Exchange, type Family } from '../../src/index.js';
import { expectNoneNamed } from '../support/crud-lists.js';
import { expectStoredValues, idInLocation } from '../support/crud-values.js';
import { memberNames, readItem } from '../support/representation.js';
import { nameMemberOf, nounOf } from '../support/resources.js';
import { prepareWithSharedParent } from '../support/shared-parents.js';

type Body = Record<string, unknown>;

const REFUSED: Partial<Record<SchemaRule, string>> = { 'required-missing': '400-REQUIRED-MISSING', 'too-long': '400-TOO-LONG', 'wrong-type': '400-WRONG-TYPE' };
const ACCEPTED: Partial<Record<SchemaRule, string>> = {
  'unknown-member': 'POST-UNKNOWN-MEMBER-IGNORED',
  'max-length': 'POST-MAXLENGTH-ACCEPTED',
  'optional-absent': 'POST-OPTIONAL-ABSENT-ACCEPTED',
};

/** The template a case is checked under. */
function templateOf(c: SchemaCase, method: WriteMethod): string {
  const template = c.refused ? `${method}-${REFUSED[c.rule]}` : ACCEPTED[c.rule];
  if (!template || template.includes('undefined')) throw new Error(`no requirement template for generated ${c.refused ? 'refused' : 'accepted'} case ${c.id} (${c.rule})`);
  return template;
}

/** The refusal: 400 data-validation-failed naming the member where ODS's key is known (expectProblem applies the profile's body rules). */
function expectRefused(ex: Exchange, c: SchemaCase): void {
  expectProblem(ex, { status: 400, type: ProblemType.dataValidationFailed, paths: c.paths });
}

/** The id an accepted POST's Location names: set-up for the read-back, blocked by the Location requirement. */
function locationId(t: CheckContext, ex: Exchange, d: AnyResourceDescriptor): Promise<string> {
  return t.arrange('take the id from the Location header', () => {
    const location = ex.headers['location'];
    ensure(location, 'a 201 answer to POST should carry a Location header', { expected: `Location: …${d.path}/{id}`, observed: ex.headers }, ex);
    const id = idInLocation(location);
    ensure(id, 'the Location header should end with the new resource id', { expected: `…${d.path}/{id}`, observed: location }, ex);
    return id;
  }, requirementIdOf(d, 'POST-LOCATION-RESOLVES'));
}

/** What the read-back of an accepted case must show beyond the stored values. */
function expectAcceptedShape(c: SchemaCase, sent: Body, body: Body, read: Exchange, noun: string): void {
  if (c.rule === 'unknown-member') {
    ensure(!memberNames(body).has(UNKNOWN_MEMBER), `members outside the ${noun} contract should not be stored or echoed`, { expected: `no ${UNKNOWN_MEMBER}`, observed: body }, read);
  }
  if (c.rule === 'optional-absent') {
    const present = c.member.split(', ').filter((m) => !(m in sent) && body[m] !== undefined && body[m] !== null && !(Array.isArray(body[m]) && (body[m] as unknown[]).length === 0));
    ensure(present.length === 0, 'optional members that were not sent should read back absent or empty', { expected: 'absent, null or []', observed: Object.fromEntries(present.map((m) => [m, body[m]])) }, read);
  }
}

export const validation: Family = {
  name: 'validation',
  about: 'generated from the schema: required members missing, maxLength + 1, wrong JSON types (400 on POST and PUT); unknown members, exactly maxLength, optional members absent (201)',
  checks(d) {
    const id = (template: string): string => requirementIdOf(d, template);
    const noun = nounOf(d);
    const name = nameMemberOf(d);
    const cases = generatedCasesFor(d.schema);

    describe(`POST ${d.path}: invalid bodies generated from the schema`, () => {
      for (const c of cases.filter((x) => x.refused && x.applyTo.includes('POST'))) {
        check(id(templateOf(c, 'POST')), `POST ${c.id} is refused: ${c.reason}`, async (t) => {
          const valid = await prepareWithSharedParent(t, d, 'refused POST');
          const ex = await t.step(`POST ${c.id}`, () => t.api.post(d.path, c.build(valid)));
          expectRefused(ex, c);
          // Listed by the valid name: the sent one may be absent, of another type or too long for a filter.
          await expectNoneNamed(t, String(valid[name]), 'a refused POST should create nothing', d);
        }, { key: c.id });
      }
    });

    describe(`PUT ${d.path}/{id}: invalid bodies generated from the schema`, () => {
      for (const c of cases.filter((x) => x.refused && x.applyTo.includes('PUT'))) {
        check(id(templateOf(c, 'PUT')), `PUT ${c.id} is refused: ${c.reason}`, async (t) => {
          const r = t.resource(d.name);
          const valid = await prepareWithSharedParent(t, d, 'refused PUT');
          const created = await r.create(valid);
          // The route id goes into the body (ODS ignores it, DMS requires it), so the case tests its own rule.
          const ex = await t.step(`PUT ${c.id}`, () => r.update(created.id, c.build(valid)));
          expectRefused(ex, c);
          const after = await readItem(t, created.id, 'read the item after the PUT', d);
          await expectStoredValues(t, after.exchange, valid, 'a refused PUT should leave the item unchanged', d);
        }, { key: c.id });
      }
    });

    describe(`POST ${d.path}: valid bodies generated from the schema`, () => {
      for (const c of cases.filter((x) => !x.refused && x.applyTo.includes('POST'))) {
        check(id(templateOf(c, 'POST')), `POST ${c.id} is accepted: ${c.reason}`, async (t) => {
          const valid = await prepareWithSharedParent(t, d, 'accepted POST');
          const sent = c.build(valid);
          const ex = await t.step(`POST ${c.id}`, () => t.api.post(d.path, sent));
          expectStatus(ex, 201);
          const created = await locationId(t, ex, d);
          const item = await readItem(t, created, 'read the item back', d);
          await expectStoredValues(t, item.exchange, c.stored!(valid), `the ${noun} read back should carry what was meant`, d);
          expectAcceptedShape(c, sent, item.body, item.exchange, noun);
        }, { key: c.id });
      }
    });
  },
};
