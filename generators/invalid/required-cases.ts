// Required members missing, null, empty or blank (CONTRACT.md §1.2 `required`; messages §2.3:
// "{Prop} is required.", "{Prop} is required and should not be left empty.").
import { SESSION_REQUIRED_PROPERTIES } from '../../src/contract/session-schema.js';
import { edited, firstGradingPeriod, withAcademicWeeks, withGradingPeriods, withMember, without } from './edit.js';
import { validationFailed } from './outcomes.js';
import type { InvalidCase } from './types.js';

const BOTH: InvalidCase['applyTo'] = ['POST', 'PUT'];

const missingTopLevel: InvalidCase[] = SESSION_REQUIRED_PROPERTIES.map((prop) => ({
  id: `${prop}.missing`,
  reason: `the required member ${prop} is absent`,
  kind: 'schema',
  applyTo: BOTH,
  at: [`$.${prop}`],
  build: (valid) => ({ json: without(valid, prop) }),
  expect: { 'ods-7.3': validationFailed(`$.${prop}`), dms: validationFailed(`$.${prop}`) },
  evidence: 'documented',
}));

const missingNested: InvalidCase[] = [
  {
    id: 'schoolReference.schoolId.missing',
    reason: 'schoolReference is an empty object (its identifying schoolId is absent)',
    kind: 'schema',
    applyTo: BOTH,
    at: ['$.schoolReference.schoolId'],
    build: (valid) => ({ json: edited(valid, (d) => (d.schoolReference = {})) }),
    expect: { 'ods-7.3': validationFailed(), dms: validationFailed() },
    evidence: 'inferred',
    caveat: 'ODS words it "SchoolReference is missing the following properties: SchoolId"; the validationErrors key is not pinned down.',
  },
  {
    id: 'schoolYearTypeReference.schoolYear.missing',
    reason: 'schoolYearTypeReference is an empty object (its schoolYear is absent)',
    kind: 'schema',
    applyTo: BOTH,
    at: ['$.schoolYearTypeReference.schoolYear'],
    build: (valid) => ({ json: edited(valid, (d) => (d.schoolYearTypeReference = {})) }),
    expect: { 'ods-7.3': validationFailed(), dms: validationFailed() },
    evidence: 'inferred',
  },
  {
    id: 'gradingPeriodReference.gradingPeriodName.missing',
    reason: 'a grading period reference lacks its gradingPeriodName',
    kind: 'schema',
    applyTo: BOTH,
    at: ['$.gradingPeriods[0].gradingPeriodReference.gradingPeriodName'],
    needs: ['gradingPeriods'],
    build: (valid, refs) => {
      const { gradingPeriodName: _dropped, ...rest } = firstGradingPeriod(refs);
      return { json: withGradingPeriods(valid, [rest]) };
    },
    expect: { 'ods-7.3': validationFailed(), dms: validationFailed() },
    evidence: 'inferred',
  },
  {
    id: 'academicWeekReference.weekIdentifier.missing',
    reason: 'an academic week reference lacks its weekIdentifier',
    kind: 'schema',
    applyTo: BOTH,
    at: ['$.academicWeeks[0].academicWeekReference.weekIdentifier'],
    build: (valid, refs) => ({ json: withAcademicWeeks(valid, [{ schoolId: refs.schoolId }]) }),
    expect: { 'ods-7.3': validationFailed(), dms: validationFailed() },
    evidence: 'inferred',
  },
];

/** `null` where a value is required: Newtonsoft leaves the member unset, so ODS reports it missing. */
const nulls: InvalidCase[] = (['sessionName', 'totalInstructionalDays', 'schoolReference', 'beginDate'] as const).map((prop) => ({
  id: `${prop}.null`,
  reason: `${prop} is JSON null`,
  kind: 'schema',
  applyTo: BOTH,
  at: [`$.${prop}`],
  build: (valid) => ({ json: withMember(valid, prop, null) }),
  expect: { 'ods-7.3': validationFailed(`$.${prop}`), dms: validationFailed(`$.${prop}`) },
  evidence: 'inferred',
}));

const blank = (prop: 'sessionName' | 'termDescriptor' | 'beginDate', value: string, label: string): InvalidCase => ({
  id: `${prop}.${label}`,
  reason: `${prop} is ${label === 'empty' ? 'the empty string' : 'whitespace only'}`,
  kind: 'schema',
  applyTo: BOTH,
  at: [`$.${prop}`],
  build: (valid) => ({ json: withMember(valid, prop, value) }),
  expect: { 'ods-7.3': validationFailed(`$.${prop}`), dms: validationFailed(`$.${prop}`) },
  evidence: prop === 'sessionName' ? 'documented' : 'inferred',
});

const blanks: InvalidCase[] = [
  blank('sessionName', '', 'empty'),
  blank('sessionName', '   ', 'whitespace'),
  blank('termDescriptor', '', 'empty'),
  blank('termDescriptor', ' \t ', 'whitespace'),
  blank('beginDate', '', 'empty'),
];

export const requiredCases: InvalidCase[] = [...missingTopLevel, ...missingNested, ...nulls, ...blanks];
