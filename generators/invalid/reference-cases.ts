// Descriptors and references: well-formed values that name nothing, children that belong to
// another school or year (key unification), duplicates, and a client-assigned id. Our schema
// accepts all of these except the descriptor without '#'; the host rejects them by rule
// (CONTRACT.md §1.2 key unification, §2.3, §6 references and descriptors, §9).
import { edited, childless, firstGradingPeriod, unknownDescriptorLike, withAcademicWeeks, withGradingPeriods, UNKNOWN_SCHOOL_ID, UNKNOWN_SCHOOL_YEAR } from './edit.js';
import { ProblemType } from '../../src/contract/problem-types.js';
import { authorizationDenied, unresolved, validationFailed } from './outcomes.js';
import type { InvalidCase } from './types.js';

const BOTH: InvalidCase['applyTo'] = ['POST', 'PUT'];
const TERM = '$.termDescriptor';
const GP0 = '$.gradingPeriods[0].gradingPeriodReference';
const AW0 = '$.academicWeeks[0].academicWeekReference';
const dmsDescriptorMissing = (path: string) => ({ status: 400, type: ProblemType.badRequest, paths: [path] });

const descriptors: InvalidCase[] = [
  {
    id: 'termDescriptor.noHash',
    reason: "termDescriptor has no '#' between namespace and code value",
    kind: 'schema',
    applyTo: BOTH,
    at: [TERM],
    build: (valid) => ({ json: edited(valid, (d) => (d.termDescriptor = 'Fall Semester')) }),
    expect: { 'ods-7.3': validationFailed(TERM), dms: dmsDescriptorMissing(TERM) },
    evidence: 'documented',
  },
  {
    id: 'termDescriptor.unknownCodeValue',
    reason: 'termDescriptor is well formed but its code value does not exist',
    kind: 'semantic',
    applyTo: BOTH,
    at: [TERM],
    build: (valid) => ({ json: edited(valid, (d) => (d.termDescriptor = unknownDescriptorLike(valid.termDescriptor))) }),
    expect: { 'ods-7.3': validationFailed(TERM), dms: dmsDescriptorMissing(TERM) },
    evidence: 'documented',
  },
  {
    id: 'termDescriptor.unknownNamespace',
    reason: 'termDescriptor uses an existing code value under a namespace that does not exist',
    kind: 'semantic',
    applyTo: BOTH,
    at: [TERM],
    build: (valid) => ({
      json: edited(valid, (d) => (d.termDescriptor = `uri://conformance.example.org/TermDescriptor#${valid.termDescriptor.split('#').pop()}`)),
    }),
    expect: { 'ods-7.3': validationFailed(TERM), dms: dmsDescriptorMissing(TERM) },
    evidence: 'documented',
  },
  {
    id: 'gradingPeriodDescriptor.unknownCodeValue',
    reason: 'a grading period reference carries a grading period descriptor that does not exist',
    kind: 'semantic',
    applyTo: BOTH,
    at: [`${GP0}.gradingPeriodDescriptor`],
    needs: ['gradingPeriods'],
    build: (valid, refs) => {
      const g = firstGradingPeriod(refs);
      return { json: withGradingPeriods(valid, [{ ...g, gradingPeriodDescriptor: unknownDescriptorLike(g.gradingPeriodDescriptor) }]) };
    },
    expect: { 'ods-7.3': validationFailed(`${GP0}.gradingPeriodDescriptor`), dms: dmsDescriptorMissing(`${GP0}.gradingPeriodDescriptor`) },
    evidence: 'documented',
  },
];

// Session is under relationshipBasedData (§6): ODS authorizes the schoolId before it resolves the
// reference, and no education-organization claim can relate to a school that does not exist.
const AUTH_FIRST =
  'The 409 is what a client without relationship restrictions (the full client) gets; ODS checks the schoolId against a restricted client education-organization claims first, so such a client gets 403 security:authorization.';

const unresolvedReferences: InvalidCase[] = [
  {
    id: 'schoolReference.unknown',
    reason: 'schoolReference names a school that does not exist',
    kind: 'semantic',
    applyTo: BOTH,
    at: ['$.schoolReference'],
    build: (valid) => ({ json: edited(childless(valid), (d) => (d.schoolReference = { schoolId: UNKNOWN_SCHOOL_ID })) }),
    expect: { 'ods-7.3': unresolved(), dms: unresolved('$.schoolReference') },
    alternatives: { 'ods-7.3': [authorizationDenied()] },
    evidence: 'documented',
    difference: 'unresolved-reference',
    caveat: AUTH_FIRST,
  },
  {
    id: 'schoolYearTypeReference.unknown',
    reason: 'schoolYearTypeReference names a school year that does not exist',
    kind: 'semantic',
    applyTo: BOTH,
    at: ['$.schoolYearTypeReference'],
    build: (valid) => ({ json: edited(childless(valid), (d) => (d.schoolYearTypeReference = { schoolYear: UNKNOWN_SCHOOL_YEAR })) }),
    expect: { 'ods-7.3': unresolved(), dms: unresolved('$.schoolYearTypeReference') },
    evidence: 'documented',
    difference: 'unresolved-reference',
  },
  {
    id: 'gradingPeriodReference.unknown',
    reason: 'a grading period reference (right school, year and descriptor) names no grading period',
    kind: 'semantic',
    applyTo: BOTH,
    at: [GP0],
    needs: ['gradingPeriods'],
    build: (valid, refs) => ({
      json: withGradingPeriods(valid, [{ ...firstGradingPeriod(refs), gradingPeriodName: 'Conformance Nonexistent Period' }]),
    }),
    expect: { 'ods-7.3': unresolved(), dms: unresolved(GP0) },
    evidence: 'documented',
    difference: 'unresolved-reference',
  },
  {
    id: 'academicWeekReference.unknown',
    reason: 'an academic week reference (right school) names no academic week',
    kind: 'semantic',
    applyTo: BOTH,
    at: [AW0],
    build: (valid, refs) => ({ json: withAcademicWeeks(valid, [{ schoolId: refs.schoolId, weekIdentifier: 'Conformance Nonexistent Week' }]) }),
    expect: { 'ods-7.3': unresolved(), dms: unresolved(AW0) },
    evidence: 'documented',
    difference: 'unresolved-reference',
  },
];

const keyUnification: InvalidCase[] = [
  {
    id: 'gradingPeriodReference.otherSchool',
    reason: "an existing grading period of another school: its schoolId does not match the session's",
    kind: 'semantic',
    applyTo: BOTH,
    at: [`${GP0}.schoolId`],
    needs: ['other', 'otherGradingPeriodSameYear'],
    build: (valid, refs) => {
      const g = refs.other?.gradingPeriods.find((p) => p.schoolYear === refs.schoolYear);
      if (!g) throw new Error('needs a grading period of refs.other in the session school year');
      return { json: withGradingPeriods(valid, [{ ...g }]) };
    },
    expect: { 'ods-7.3': validationFailed() },
    evidence: 'documented',
  },
  {
    id: 'gradingPeriodReference.otherYear',
    reason: "a grading period of the session's school but another school year",
    kind: 'semantic',
    applyTo: BOTH,
    at: [`${GP0}.schoolYear`],
    needs: ['gradingPeriods'],
    build: (valid, refs) => {
      const g = firstGradingPeriod(refs);
      return { json: withGradingPeriods(valid, [{ ...g, schoolYear: refs.schoolYear - 1 }]) };
    },
    expect: { 'ods-7.3': validationFailed() },
    evidence: 'inferred',
    caveat: 'Key unification is checked before references resolve, so the answer is 400 whether or not that grading period exists.',
  },
  {
    id: 'academicWeekReference.otherSchool',
    reason: "an existing academic week of another school: its schoolId does not match the session's",
    kind: 'semantic',
    applyTo: BOTH,
    at: [`${AW0}.schoolId`],
    needs: ['other', 'otherAcademicWeeks'],
    build: (valid, refs) => {
      const w = refs.other?.academicWeeks[0];
      if (!w) throw new Error('needs an academic week of refs.other');
      return { json: withAcademicWeeks(valid, [{ ...w }]) };
    },
    expect: { 'ods-7.3': validationFailed() },
    evidence: 'documented',
  },
];

const duplicatesAndIds: InvalidCase[] = [
  {
    id: 'gradingPeriods.duplicate',
    reason: 'the same grading period twice in one payload',
    kind: 'semantic',
    applyTo: BOTH,
    at: ['$.gradingPeriods'],
    needs: ['gradingPeriods'],
    build: (valid, refs) => ({ json: withGradingPeriods(valid, [firstGradingPeriod(refs), firstGradingPeriod(refs)]) }),
    expect: { 'ods-7.3': validationFailed('$.gradingPeriods'), dms: validationFailed() },
    evidence: 'documented',
  },
  {
    id: 'academicWeeks.duplicate',
    reason: 'the same academic week twice in one payload',
    kind: 'semantic',
    applyTo: BOTH,
    at: ['$.academicWeeks'],
    needs: ['academicWeeks'],
    build: (valid, refs) => {
      const w = refs.academicWeeks[0];
      if (!w) throw new Error('needs an academic week (needs: academicWeeks)');
      return { json: withAcademicWeeks(valid, [{ ...w }, { ...w }]) };
    },
    expect: { 'ods-7.3': validationFailed('$.academicWeeks'), dms: validationFailed() },
    evidence: 'inferred',
  },
  {
    id: 'id.inPostBody',
    reason: 'a POST body carries a client-assigned id',
    kind: 'semantic',
    applyTo: ['POST'],
    at: ['$.id'],
    build: (valid) => ({ json: { id: '3a93cdce157d4cfeb6f8d5caa88c986b', ...valid } }),
    expect: { 'ods-7.3': validationFailed(), dms: validationFailed() },
    evidence: 'documented',
    requirement: 'SES-POST-400-ID-IN-BODY',
  },
];

export const referenceCases: InvalidCase[] = [...descriptors, ...unresolvedReferences, ...keyUnification, ...duplicatesAndIds];
