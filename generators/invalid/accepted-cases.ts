// Bodies that look odd but that a conforming host must accept (CONTRACT.md §1.2 periodSequence,
// §1.6 unknown members / property-name case / read-only members, §6 PUT body id; DMS
// CreateResourcesValidation scenarios 10, 12, 34). A host that rejects them is caught too.
// An accepted outcome is 201 on a POST that creates and 204 on a PUT (see expectedStatus).
// `kind` keeps its catalogue meaning: 'schema' = our canonical request schema rejects the body
// (the host must still accept it), 'semantic' = our schema accepts it too.
import { edited, firstGradingPeriod, withGradingPeriods } from './edit.js';
import { ProblemType } from '../../src/contract/problem-types.js';
import { ACCEPTED, validationFailed } from './outcomes.js';
import type { OddCase } from './types.js';

const BOTH: OddCase['applyTo'] = ['POST', 'PUT'];

/** "2024-08-07" → "8/7/2024" (month/day/year, no leading zeros). */
export function usSlashDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${Number(month)}/${Number(day)}/${year}`;
}

export const acceptedOddCases: OddCase[] = [
  {
    id: 'extraMembers.unknown',
    reason: 'unknown members at the top level and inside a reference are ignored',
    kind: 'semantic',
    at: ['$.conformanceNote', '$.schoolIdX', '$.schoolReference.nickname'],
    applyTo: BOTH,
    build: (valid) => ({
      json: edited(valid, (d) => {
        d.conformanceNote = 'not part of the session contract';
        d.schoolIdX = 1;
        d.schoolReference = { ...valid.schoolReference, nickname: 'Lakeside' };
      }),
    }),
    expect: { 'ods-7.3': ACCEPTED, dms: ACCEPTED },
    evidence: 'documented',
  },
  {
    id: 'propertyNames.pascalCase',
    reason: 'SessionName and BeginDate spelt in PascalCase: ODS matches names case-insensitively, DMS does not',
    kind: 'schema',
    at: ['$.sessionName', '$.beginDate'],
    applyTo: BOTH,
    build: (valid) => ({
      json: edited(valid, (d) => {
        d.SessionName = d.sessionName;
        d.BeginDate = d.beginDate;
        delete d.sessionName;
        delete d.beginDate;
      }),
    }),
    expect: { 'ods-7.3': ACCEPTED, dms: validationFailed('$.sessionName', '$.beginDate'), guidelines: ACCEPTED },
    alternatives: { guidelines: [validationFailed('$.sessionName', '$.beginDate')] },
    evidence: 'documented',
    difference: 'property-name-case',
    caveat: 'The Ed-Fi API guidelines say a host should (not must) enforce the case of property names (DATA-STRICTNESS.md), so under the guidelines profile both the acceptance and a 400 are conforming.',
  },
  {
    id: 'readOnlyMembers.inBody',
    reason: '_etag and _lastModifiedDate in a request body are ignored',
    kind: 'semantic',
    at: ['$._etag', '$._lastModifiedDate'],
    applyTo: BOTH,
    build: (valid) => ({
      json: { ...structuredClone(valid), _etag: '5250374366428622464', _lastModifiedDate: '2024-12-03T15:00:00.123456Z' },
    }),
    expect: { 'ods-7.3': ACCEPTED },
    evidence: 'documented',
  },
  {
    id: 'links.inReferences',
    reason: 'link objects inside references are ignored',
    kind: 'semantic',
    at: ['$.schoolReference.link', '$.schoolYearTypeReference.link'],
    applyTo: BOTH,
    build: (valid) => ({
      json: edited(valid, (d) => {
        d.schoolReference.link = { rel: 'School', href: '/ed-fi/schools/00000000000000000000000000000000' };
        d.schoolYearTypeReference.link = { rel: 'SchoolYearType', href: '/ed-fi/schoolYearTypes/00000000000000000000000000000000' };
      }),
    }),
    expect: { 'ods-7.3': ACCEPTED },
    evidence: 'documented',
  },
  {
    id: 'gradingPeriodReference.periodSequence',
    reason: 'a DS 4 style periodSequence inside gradingPeriodReference is ignored',
    kind: 'semantic',
    at: ['$.gradingPeriods[0].gradingPeriodReference.periodSequence'],
    applyTo: BOTH,
    needs: ['gradingPeriods'],
    build: (valid, refs) => ({ json: withGradingPeriods(valid, [{ ...firstGradingPeriod(refs), periodSequence: 1 }]) }),
    expect: { 'ods-7.3': ACCEPTED },
    evidence: 'documented',
  },
  {
    id: 'id.inPutBody.different',
    reason: 'a PUT body whose id differs from the route id: ODS ignores it, DMS refuses it',
    kind: 'semantic',
    at: ['$.id'],
    applyTo: ['PUT'],
    build: (valid) => ({ json: { id: '00000000000040008000000000000001', ...structuredClone(valid) } }),
    expect: { 'ods-7.3': ACCEPTED, dms: { status: 400, type: ProblemType.badRequest } },
    evidence: 'documented',
    requirement: 'SES-PUT-BODY-ID-IGNORED',
    difference: 'put-body-id',
  },
  {
    id: 'totalInstructionalDays.numericString',
    reason: 'totalInstructionalDays as the string "81": Newtonsoft (ODS) and DMS coerce it to 81',
    kind: 'schema',
    at: ['$.totalInstructionalDays'],
    applyTo: BOTH,
    build: (valid) => ({ json: edited(valid, (d) => (d.totalInstructionalDays = '81')) }),
    expect: { 'ods-7.3': ACCEPTED, dms: ACCEPTED },
    evidence: 'inferred',
    caveat: 'Not stated in CONTRACT.md: DMS scenario 12 shows the coercion; for ODS it is the Newtonsoft default.',
  },
  {
    id: 'beginDate.usSlashes',
    reason: 'beginDate written month/day/year ("8/7/2024"): both ODS and DMS parse it as a date',
    kind: 'schema',
    at: ['$.beginDate'],
    applyTo: BOTH,
    build: (valid) => ({ json: edited(valid, (d) => (d.beginDate = usSlashDate(valid.beginDate))) }),
    expect: { 'ods-7.3': ACCEPTED, dms: ACCEPTED },
    evidence: 'inferred',
    caveat: 'Not stated in CONTRACT.md: DMS scenario 34 coerces slash dates; the ODS date converter accepts "08/01/2014".',
  },
];
