// Values of the wrong JSON type, out of range, too long/short, or not dates (CONTRACT.md §1.2
// constraints; messages §2.3). Only non-numeric strings are used for integers: ODS (Newtonsoft)
// and DMS both coerce "81" to 81, so a numeric string would not be invalid.
import {
  DESCRIPTOR_MAX_LENGTH,
  GRADING_PERIOD_NAME_MAX_LENGTH,
  INT32_MAX,
  WEEK_IDENTIFIER_MAX_LENGTH,
  WEEK_IDENTIFIER_MIN_LENGTH,
  descriptorNamespace,
} from '../../src/contract/session-schema.js';
import { TOO_LONG_SESSION_NAME_LENGTH, edited, firstGradingPeriod, padTo, withAcademicWeeks, withGradingPeriods, withMember } from './edit.js';
import { validationFailed } from './outcomes.js';
import type { InvalidCase } from './types.js';

const BOTH: InvalidCase['applyTo'] = ['POST', 'PUT'];

/** A top-level member set to `value`; the error is expected exactly at `$.{prop}`. */
function topLevel(id: string, prop: string, reason: string, value: (v: any) => unknown, evidence: InvalidCase['evidence']): InvalidCase {
  return {
    id,
    reason,
    kind: 'schema',
    applyTo: BOTH,
    at: [`$.${prop}`],
    build: (valid) => ({ json: withMember(valid, prop, value(valid)) }),
    expect: { 'ods-7.3': validationFailed(`$.${prop}`), dms: validationFailed(`$.${prop}`) },
    evidence,
  };
}

const lengths: InvalidCase[] = [
  topLevel('sessionName.tooLong', 'sessionName', `sessionName has ${TOO_LONG_SESSION_NAME_LENGTH} characters (max 60)`,
    (v) => padTo(v.sessionName, TOO_LONG_SESSION_NAME_LENGTH), 'documented'),
  topLevel('termDescriptor.tooLong', 'termDescriptor', `termDescriptor has ${DESCRIPTOR_MAX_LENGTH + 1} characters (max 306)`,
    (v) => padTo(`${descriptorNamespace(v.termDescriptor)}#Long`, DESCRIPTOR_MAX_LENGTH + 1), 'documented'),
  {
    id: 'gradingPeriodReference.gradingPeriodName.tooLong',
    reason: `a grading period reference name has ${GRADING_PERIOD_NAME_MAX_LENGTH + 1} characters (max 60)`,
    kind: 'schema',
    applyTo: BOTH,
    at: ['$.gradingPeriods[0].gradingPeriodReference.gradingPeriodName'],
    needs: ['gradingPeriods'],
    build: (valid, refs) => {
      const g = firstGradingPeriod(refs);
      return { json: withGradingPeriods(valid, [{ ...g, gradingPeriodName: padTo(g.gradingPeriodName, GRADING_PERIOD_NAME_MAX_LENGTH + 1) }]) };
    },
    expect: {
      'ods-7.3': validationFailed('$.gradingPeriods[0].gradingPeriodReference.gradingPeriodName'),
      dms: validationFailed('$.gradingPeriods[0].gradingPeriodReference.gradingPeriodName'),
    },
    evidence: 'inferred',
  },
  {
    id: 'academicWeekReference.weekIdentifier.tooShort',
    reason: `a weekIdentifier of ${WEEK_IDENTIFIER_MIN_LENGTH - 1} characters (min 5)`,
    kind: 'schema',
    applyTo: BOTH,
    at: ['$.academicWeeks[0].academicWeekReference.weekIdentifier'],
    build: (valid, refs) => ({ json: withAcademicWeeks(valid, [{ schoolId: refs.schoolId, weekIdentifier: 'Wk01'.slice(0, WEEK_IDENTIFIER_MIN_LENGTH - 1) }]) }),
    expect: {
      'ods-7.3': validationFailed('$.academicWeeks[0].academicWeekReference.weekIdentifier'),
      dms: validationFailed('$.academicWeeks[0].academicWeekReference.weekIdentifier'),
    },
    evidence: 'inferred',
  },
  {
    id: 'academicWeekReference.weekIdentifier.tooLong',
    reason: `a weekIdentifier of ${WEEK_IDENTIFIER_MAX_LENGTH + 1} characters (max 80)`,
    kind: 'schema',
    applyTo: BOTH,
    at: ['$.academicWeeks[0].academicWeekReference.weekIdentifier'],
    build: (valid, refs) => ({ json: withAcademicWeeks(valid, [{ schoolId: refs.schoolId, weekIdentifier: padTo('Week ', WEEK_IDENTIFIER_MAX_LENGTH + 1, 'w') }]) }),
    expect: {
      'ods-7.3': validationFailed('$.academicWeeks[0].academicWeekReference.weekIdentifier'),
      dms: validationFailed('$.academicWeeks[0].academicWeekReference.weekIdentifier'),
    },
    evidence: 'inferred',
  },
];

const numbers: InvalidCase[] = [
  topLevel('totalInstructionalDays.negative', 'totalInstructionalDays', 'totalInstructionalDays is -1 (minimum 0)', () => -1, 'documented'),
  topLevel('totalInstructionalDays.word', 'totalInstructionalDays', 'a non-numeric string where an integer is required', () => 'eighty', 'inferred'),
  topLevel('totalInstructionalDays.fraction', 'totalInstructionalDays', 'a fractional number where an integer is required', () => 12.5, 'inferred'),
  topLevel('totalInstructionalDays.int32Overflow', 'totalInstructionalDays', 'one more than the int32 maximum', () => INT32_MAX + 1, 'inferred'),
  topLevel('totalInstructionalDays.boolean', 'totalInstructionalDays', 'a boolean where an integer is required', () => true, 'inferred'),
];

const shapes: InvalidCase[] = [
  topLevel('sessionName.object', 'sessionName', 'an object where a string is required', () => ({ text: 'Fall' }), 'inferred'),
  topLevel('sessionName.array', 'sessionName', 'an array where a string is required', (v) => [v.sessionName], 'inferred'),
  topLevel('schoolReference.array', 'schoolReference', 'an array where the reference object is required', (v) => [v.schoolReference], 'inferred'),
  topLevel('schoolReference.string', 'schoolReference', 'a string where the reference object is required', (v) => String(v.schoolReference.schoolId), 'inferred'),
  topLevel('gradingPeriods.object', 'gradingPeriods', 'an object where the gradingPeriods array is required', () => ({}), 'inferred'),
  topLevel('beginDate.boolean', 'beginDate', 'a boolean where a date string is required', () => true, 'inferred'),
  {
    id: 'schoolReference.schoolId.word',
    reason: 'schoolReference.schoolId is a non-numeric string',
    kind: 'schema',
    applyTo: BOTH,
    at: ['$.schoolReference.schoolId'],
    build: (valid) => ({ json: edited(valid, (d) => (d.schoolReference = { schoolId: 'Lakeside' })) }),
    expect: { 'ods-7.3': validationFailed('$.schoolReference.schoolId'), dms: validationFailed('$.schoolReference.schoolId') },
    evidence: 'inferred',
  },
  {
    id: 'schoolYearTypeReference.schoolYear.word',
    reason: 'schoolYearTypeReference.schoolYear is a non-numeric string',
    kind: 'schema',
    applyTo: BOTH,
    at: ['$.schoolYearTypeReference.schoolYear'],
    build: (valid) => ({ json: edited(valid, (d) => (d.schoolYearTypeReference = { schoolYear: 'next year' })) }),
    expect: {
      'ods-7.3': validationFailed('$.schoolYearTypeReference.schoolYear'),
      dms: validationFailed('$.schoolYearTypeReference.schoolYear'),
    },
    evidence: 'inferred',
  },
];

// ODS parses dates with Iso8601UtcDateOnlyConverter: a time part is a FormatException, while
// "2014/08/01" or "08/01/2014" are accepted, so slash forms are deliberately absent here.
const dates: InvalidCase[] = [
  topLevel('beginDate.impossibleDay', 'beginDate', 'February 30th does not exist', (v) => `${v.beginDate.slice(0, 4)}-02-30`, 'inferred'),
  topLevel('endDate.month13', 'endDate', 'month 13 does not exist', (v) => `${v.endDate.slice(0, 4)}-13-01`, 'inferred'),
  topLevel('endDate.compact', 'endDate', 'yyyymmdd without dashes is not a date', (v) => v.endDate.replace(/-/g, ''), 'inferred'),
  topLevel('beginDate.dateTime', 'beginDate', 'a date-time where a date is required', (v) => `${v.beginDate}T00:00:00Z`, 'inferred'),
  topLevel('endDate.word', 'endDate', 'free text where a date is required', () => 'end of June', 'inferred'),
];

export const valueCases: InvalidCase[] = [...lengths, ...numbers, ...shapes, ...dates];
