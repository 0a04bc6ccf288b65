// Validation of an edFi_session request body (CONTRACT.md §1.2 constraints, §2.3 messages).
// Collects every error, keyed by JSONPath, like ODS's data annotations; descriptor existence and
// reference resolution need the database and live in routes/sessions/references.ts.
import { hasMember, isPlainObject, member } from './json-body.js';
import { toDate, toInteger, toText } from './scalars.js';

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

class ErrorSink {
  readonly errors: Record<string, string[]> = {};
  add(path: string, message: string): void {
    (this.errors[path] ??= []).push(message);
  }
  get empty(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

interface StringRule {
  max: number;
  min?: number;
  descriptor?: boolean;
}

/** A required string member: missing, empty, too long/short, or (for descriptors) without '#'. */
function requiredString(obj: Record<string, unknown>, name: string, path: string, rule: StringRule, sink: ErrorSink): string | undefined {
  const prop = pascal(name);
  const raw = member(obj, name);
  if (raw === undefined || raw === null) {
    sink.add(path, `${prop} is required.`);
    return undefined;
  }
  const text = toText(raw, prop);
  if (!text.ok) {
    sink.add(path, text.message);
    return undefined;
  }
  const value = text.value;
  if (value.trim() === '') {
    sink.add(path, `${prop} is required and should not be left empty.`);
    return undefined;
  }
  if (rule.min !== undefined && (value.length < rule.min || value.length > rule.max)) {
    sink.add(path, `${prop} must be between ${rule.min} and ${rule.max} characters in length.`);
    return undefined;
  }
  if (value.length > rule.max) {
    sink.add(path, `${prop} must be at most ${rule.max} characters in length.`);
    return undefined;
  }
  if (rule.descriptor && !value.includes('#')) {
    sink.add(
      path,
      `${prop} value '${value}' is not a valid value for use as a descriptor (a '#' is expected to delineate the namespace and code value portions).`,
    );
    return undefined;
  }
  return value;
}

function requiredInteger(obj: Record<string, unknown>, name: string, path: string, range: { min: number; max: number }, sink: ErrorSink): number | undefined {
  const prop = pascal(name);
  const raw = member(obj, name);
  if (raw === undefined || raw === null) {
    sink.add(path, `${prop} is required.`);
    return undefined;
  }
  const converted = toInteger(raw, prop, range.min, range.max);
  if (!converted.ok) {
    sink.add(path, converted.message);
    return undefined;
  }
  return converted.value;
}

function requiredDate(obj: Record<string, unknown>, name: string, sink: ErrorSink): string | undefined {
  const prop = pascal(name);
  const raw = member(obj, name);
  if (raw === undefined || raw === null || raw === '') {
    sink.add(`$.${name}`, `${prop} is required.`);
    return undefined;
  }
  const converted = toDate(raw, prop);
  if (!converted.ok) {
    sink.add(`$.${name}`, converted.message);
    return undefined;
  }
  return converted.value;
}

/** A reference object: its members, or undefined (with errors recorded). */
function referenceObject(raw: unknown, name: string, path: string, keys: string[], sink: ErrorSink): Record<string, unknown> | undefined {
  const prop = pascal(name);
  if (raw === undefined || raw === null) {
    sink.add(path, `${prop} is required.`);
    return undefined;
  }
  if (!isPlainObject(raw)) {
    sink.add(path, `${prop} must be an object.`);
    return undefined;
  }
  const missing = keys.filter((key) => {
    const value = member(raw, key);
    return value === undefined || value === null;
  });
  if (missing.length > 0) {
    sink.add(path, `${prop} is missing the following properties: ${missing.map(pascal).join(', ')}`);
    return undefined;
  }
  return raw;
}

function collection(raw: unknown, name: string, sink: ErrorSink): unknown[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    sink.add(`$.${name}`, `${pascal(name)} must be an array.`);
    return [];
  }
  return raw;
}

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

/** Key unification: every schoolId/schoolYear in the references must equal the session's. */
function reportUnification(name: 'schoolId' | 'schoolYear', sessionValue: number, refs: Array<{ value: number; path: string }>, sink: ErrorSink): void {
  for (const ref of refs) {
    if (ref.value === sessionValue) continue;
    sink.add(
      ref.path,
      `All values supplied for '${name}' must match. Review all references (including those of any child collections) and align the following conflicting values: '${sessionValue}', '${ref.value}'`,
    );
  }
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
