// Validation of an edFi_session request body (CONTRACT.md §1.2 constraints, §2.3 messages).
// Collects every error, keyed by JSONPath, like ODS's data annotations; descriptor existence and
// reference resolution need the database and live in routes/sessions/references.ts.
import { hasMember, isPlainObject, member } from './json-body.js';
import { ErrorSink, collection, ordinal, referenceObject, reportUnification, requiredDate, requiredInteger, requiredString } from './body-rules.js';

export interface GradingPeriodKey {
  gradingPeriodDescriptor: string;
  gradingPeriodName: string;
  schoolId: number;
  schoolYear: number;
  /** JSONPath of the reference, for messages. */
  path: string;
}

export interface AcademicWeekKey {
  schoolId: number;
  weekIdentifier: string;
  path: string;
}

export interface SessionInput {
  schoolId: number;
  schoolYear: number;
  sessionName: string;
  beginDate: string;
  endDate: string;
  termDescriptor: string;
  totalInstructionalDays: number;
  gradingPeriods: GradingPeriodKey[];
  academicWeeks: AcademicWeekKey[];
}

export type SessionValidation =
  | { ok: true; value: SessionInput; hasId: boolean }
  | { ok: false; validationErrors: Record<string, string[]> };

const INT32 = { min: -2147483648, max: 2147483647 };
const SMALLINT = { min: -32768, max: 32767 };
const SCHOOL_ID = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };

export const SESSION_NAME_MAX = 60;
export const DESCRIPTOR_MAX = 306;
export const GRADING_PERIOD_NAME_MAX = 60;
export const WEEK_IDENTIFIER_MIN = 5;
export const WEEK_IDENTIFIER_MAX = 80;

function gradingPeriodsOf(body: Record<string, unknown>, sink: ErrorSink): GradingPeriodKey[] {
  const keys: GradingPeriodKey[] = [];
  collection(member(body, 'gradingPeriods'), 'gradingPeriods', sink).forEach((item, index) => {
    const itemPath = `$.gradingPeriods[${index}]`;
    if (!isPlainObject(item)) {
      sink.add(itemPath, 'SessionGradingPeriod must be an object.');
      return;
    }
    const refPath = `${itemPath}.gradingPeriodReference`;
    const ref = referenceObject(member(item, 'gradingPeriodReference'), 'gradingPeriodReference', refPath,
      ['gradingPeriodDescriptor', 'gradingPeriodName', 'schoolId', 'schoolYear'], sink);
    if (!ref) return;
    const descriptor = requiredString(ref, 'gradingPeriodDescriptor', `${refPath}.gradingPeriodDescriptor`, { max: DESCRIPTOR_MAX, descriptor: true }, sink);
    const name = requiredString(ref, 'gradingPeriodName', `${refPath}.gradingPeriodName`, { max: GRADING_PERIOD_NAME_MAX }, sink);
    const schoolId = requiredInteger(ref, 'schoolId', `${refPath}.schoolId`, SCHOOL_ID, sink);
    const schoolYear = requiredInteger(ref, 'schoolYear', `${refPath}.schoolYear`, SMALLINT, sink);
    if (descriptor !== undefined && name !== undefined && schoolId !== undefined && schoolYear !== undefined) {
      keys.push({ gradingPeriodDescriptor: descriptor, gradingPeriodName: name, schoolId, schoolYear, path: refPath });
    }
  });
  return keys;
}

function academicWeeksOf(body: Record<string, unknown>, sink: ErrorSink): AcademicWeekKey[] {
  const keys: AcademicWeekKey[] = [];
  collection(member(body, 'academicWeeks'), 'academicWeeks', sink).forEach((item, index) => {
    const itemPath = `$.academicWeeks[${index}]`;
    if (!isPlainObject(item)) {
      sink.add(itemPath, 'SessionAcademicWeek must be an object.');
      return;
    }
    const refPath = `${itemPath}.academicWeekReference`;
    const ref = referenceObject(member(item, 'academicWeekReference'), 'academicWeekReference', refPath, ['schoolId', 'weekIdentifier'], sink);
    if (!ref) return;
    const schoolId = requiredInteger(ref, 'schoolId', `${refPath}.schoolId`, SCHOOL_ID, sink);
    const week = requiredString(ref, 'weekIdentifier', `${refPath}.weekIdentifier`, { min: WEEK_IDENTIFIER_MIN, max: WEEK_IDENTIFIER_MAX }, sink);
    if (schoolId !== undefined && week !== undefined) keys.push({ schoolId, weekIdentifier: week, path: refPath });
  });
  return keys;
}

/** Duplicate child items: ODS names the first repeated position (keyed at the collection). */
function reportDuplicates<T>(items: T[], identity: (item: T) => string, collectionPath: string, entity: string, sink: ErrorSink): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const key = identity(item);
    if (seen.has(key)) {
      sink.add(collectionPath, `The ${ordinal(index + 1)} item of the ${entity} has the same identifying values as another item earlier in the list.`);
    }
    seen.add(key);
  });
}

export function validateSessionBody(body: unknown): SessionValidation {
  const sink = new ErrorSink();
  if (!isPlainObject(body)) {
    return { ok: false, validationErrors: { $: ['The request body must be a JSON object representing a session.'] } };
  }
  const sessionName = requiredString(body, 'sessionName', '$.sessionName', { max: SESSION_NAME_MAX }, sink);
  const termDescriptor = requiredString(body, 'termDescriptor', '$.termDescriptor', { max: DESCRIPTOR_MAX, descriptor: true }, sink);
  const beginDate = requiredDate(body, 'beginDate', sink);
  const endDate = requiredDate(body, 'endDate', sink);
  const totalInstructionalDays = requiredInteger(body, 'totalInstructionalDays', '$.totalInstructionalDays', INT32, sink);
  if (totalInstructionalDays !== undefined && totalInstructionalDays < 0) {
    sink.add('$.totalInstructionalDays', 'TotalInstructionalDays must be greater than or equal to 0.');
  }
  const schoolRef = referenceObject(member(body, 'schoolReference'), 'schoolReference', '$.schoolReference', ['schoolId'], sink);
  const schoolId = schoolRef ? requiredInteger(schoolRef, 'schoolId', '$.schoolReference.schoolId', SCHOOL_ID, sink) : undefined;
  const yearRef = referenceObject(member(body, 'schoolYearTypeReference'), 'schoolYearTypeReference', '$.schoolYearTypeReference', ['schoolYear'], sink);
  const schoolYear = yearRef ? requiredInteger(yearRef, 'schoolYear', '$.schoolYearTypeReference.schoolYear', SMALLINT, sink) : undefined;

  const gradingPeriods = gradingPeriodsOf(body, sink);
  const academicWeeks = academicWeeksOf(body, sink);
  reportDuplicates(gradingPeriods, (g) => JSON.stringify([g.gradingPeriodDescriptor, g.gradingPeriodName, g.schoolId, g.schoolYear]), '$.gradingPeriods', 'SessionGradingPeriods', sink);
  reportDuplicates(academicWeeks, (w) => JSON.stringify([w.schoolId, w.weekIdentifier]), '$.academicWeeks', 'SessionAcademicWeeks', sink);
  if (schoolId !== undefined) {
    reportUnification('schoolId', schoolId, [
      ...gradingPeriods.map((g) => ({ value: g.schoolId, path: `${g.path}.schoolId` })),
      ...academicWeeks.map((w) => ({ value: w.schoolId, path: `${w.path}.schoolId` })),
    ], sink);
  }
  if (schoolYear !== undefined) {
    reportUnification('schoolYear', schoolYear, gradingPeriods.map((g) => ({ value: g.schoolYear, path: `${g.path}.schoolYear` })), sink);
  }

  if (!sink.empty) return { ok: false, validationErrors: sink.errors };
  return {
    ok: true,
    hasId: hasMember(body, 'id') && member(body, 'id') !== null,
    value: {
      schoolId: schoolId!,
      schoolYear: schoolYear!,
      sessionName: sessionName!,
      beginDate: beginDate!,
      endDate: endDate!,
      termDescriptor: termDescriptor!,
      totalInstructionalDays: totalInstructionalDays!,
      gradingPeriods,
      academicWeeks,
    },
  };
}

/** Splits 'uri://ed-fi.org/TermDescriptor#Fall Semester' into namespace and code value. */
export function splitDescriptor(uri: string): { namespace: string; codeValue: string } {
  const hash = uri.indexOf('#');
  return { namespace: uri.slice(0, hash), codeValue: uri.slice(hash + 1) };
}
