// The cases generated from a resource's schema (generators/invalid/schema-cases.ts): what they
// cover for each resource of the committed contract, that each refused body breaks the schema at
// the member it names (and only there) while each accepted one stays valid, that the valid body
// is never edited, and that sessions keep only what their hand-written catalogue lacks.
import { describe, expect, it } from 'vitest';
import { createCourseOfferingFactory, createSessionFactory, generatedCasesFor, invalidSessionCases, acceptedOddCases, schemaCases, UNKNOWN_MEMBER } from '../../generators/index.js';
import { ods73Document } from '../../src/contract/contract-sources.js';
import { compileSchemaValidator } from '../../src/contract/openapi.js';
import { sampleRefs } from './sample-refs.js';

const refs = { ...sampleRefs, course: { courseCode: 'ALG-1', educationOrganizationId: 255901001 } };
const offering = createCourseOfferingFactory({ seed: 7, runTag: 'tst' }).build(refs, { schoolId: 255901001, schoolYear: 2025, sessionName: 'Fall tst-1' });
const session = createSessionFactory({ seed: 7, runTag: 'tst' }).build(sampleRefs);
const bodies = { edFi_courseOffering: offering, edFi_session: session } as const;

const countBy = (cases: ReturnType<typeof schemaCases>) => cases.reduce<Record<string, number>>((n, c) => ({ ...n, [c.rule]: (n[c.rule] ?? 0) + 1 }), {});

describe('cases generated from the schema', () => {
  it('covers every required member, maxLength and member type of edFi_courseOffering', () => {
    const cases = schemaCases('edFi_courseOffering');
    expect(countBy(cases)).toEqual({ 'required-missing': 10, 'too-long': 7, 'wrong-type': 15, 'unknown-member': 1, 'max-length': 2, 'optional-absent': 1 });
    expect(cases.map((c) => c.id)).toContain('courseReference.courseCode.missing');
    expect(cases.map((c) => c.id)).toContain('localCourseTitle.tooLong');
    expect(cases.map((c) => c.id)).toContain('sessionReference.schoolYear.word');
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  for (const [schema, valid] of Object.entries(bodies)) {
    it(`breaks ${schema} exactly where a refused case says, keeps accepted ones valid, and never edits the valid body`, () => {
      const validate = compileSchemaValidator(ods73Document(), schema)!;
      expect(validate(valid)).toEqual([]);
      const before = JSON.stringify(valid);
      for (const c of schemaCases(schema)) {
        const problems = validate(c.build(valid));
        if (!c.refused) {
          expect(problems, c.id).toEqual([]);
          continue;
        }
        expect(problems.length, c.id).toBeGreaterThan(0);
        // A missing member is reported at its parent (Ajv's required), anything else at the member.
        const where = c.rule === 'required-missing' ? c.member.split('.').slice(0, -1).join('.') : c.member;
        for (const p of problems) expect(p.path.replace(/^\$\.?/, '').replace(/\.(\d+)\./g, '[$1].'), `${c.id}: ${p.message}`).toBe(where);
      }
      expect(JSON.stringify(valid)).toBe(before);
    });
  }

  it('sends the unknown member at the top level and inside every reference', () => {
    const c = schemaCases('edFi_courseOffering').find((x) => x.rule === 'unknown-member')!;
    const body = c.build(offering);
    expect(body[UNKNOWN_MEMBER]).toBeDefined();
    for (const ref of ['courseReference', 'schoolReference', 'sessionReference']) expect(body[ref][UNKNOWN_MEMBER]).toBeDefined();
    expect(c.stored!(offering)).toEqual(offering);
  });

  it('keeps a string of exactly maxLength, with the run-unique start of the name', () => {
    const c = schemaCases('edFi_courseOffering').find((x) => x.id === 'localCourseCode.atMaxLength')!;
    const code = c.build(offering).localCourseCode as string;
    expect(code).toHaveLength(60);
    expect(code.startsWith(offering.localCourseCode)).toBe(true);
  });

  it('drops for sessions every case its hand-written catalogue holds under the same id, so whole rules are left to it', () => {
    const handWritten = new Set([...invalidSessionCases, ...acceptedOddCases].map((c) => c.id));
    const generated = generatedCasesFor('edFi_session');
    expect(generated.every((c) => !handWritten.has(c.id))).toBe(true);
    expect(schemaCases('edFi_session').length).toBeGreaterThan(generated.length);
    // The templates not expanded for sessions (src/requirements/catalogue/validation.ts `except`): no case left for them.
    expect(generated.filter((c) => ['required-missing', 'too-long', 'unknown-member'].includes(c.rule))).toEqual([]);
    expect(generatedCasesFor('edFi_courseOffering')).toHaveLength(schemaCases('edFi_courseOffering').length);
  });
});
