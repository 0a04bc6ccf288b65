// Validation of an edFi_courseOffering request body (ODS 7.2/7.3 OpenAPI: localCourseCode,
// courseReference, schoolReference and sessionReference required; instructionalTimePlanned ≥ 1;
// strings of at most 60). Every error is collected, keyed by JSONPath, in ODS's wording
// ("CourseReference is required.", as Ed-Fi's own Postman test asserts). Whether the references
// resolve needs the database: routes/course-offerings/write.ts.
import { hasMember, isPlainObject, member } from './json-body.js';
import { ErrorSink, collection, pascal, referenceObject, reportUnification, requiredInteger, requiredString } from './body-rules.js';
import { toInteger, toText } from './scalars.js';

export interface CourseOfferingInput {
  localCourseCode: string;
  schoolId: number;
  schoolYear: number;
  sessionName: string;
  courseCode: string;
  educationOrganizationId: number;
  localCourseTitle: string | null;
  instructionalTimePlanned: number | null;
}

/** A descriptor an item of one of the child collections names (none is seeded on this host). */
export interface ChildDescriptor {
  path: string;
  descriptorName: string;
  value: string;
}

export type CourseOfferingValidation =
  | { ok: true; value: CourseOfferingInput; hasId: boolean; childDescriptors: ChildDescriptor[] }
  | { ok: false; validationErrors: Record<string, string[]> };

const TEXT_MAX = 60;
const DESCRIPTOR_MAX = 306;
const ED_ORG_ID = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
const SMALLINT = { min: -32768, max: 32767 };
const INT32_MAX = 2147483647;

/** The three child collections: each item carries one descriptor (its identity). */
const CHILD_COLLECTIONS = [
  { name: 'courseLevelCharacteristics', descriptor: 'courseLevelCharacteristicDescriptor' },
  { name: 'curriculumUseds', descriptor: 'curriculumUsedDescriptor' },
  { name: 'offeredGradeLevels', descriptor: 'gradeLevelDescriptor' },
] as const;

/** Records the message and yields null, so an invalid optional member reads as absent. */
function refuse(sink: ErrorSink, path: string, message: string): null {
  sink.add(path, message);
  return null;
}

function optionalText(body: Record<string, unknown>, name: string, sink: ErrorSink): string | null {
  const raw = member(body, name);
  if (raw === undefined || raw === null) return null;
  const converted = toText(raw, pascal(name));
  if (!converted.ok) return refuse(sink, `$.${name}`, converted.message);
  if (converted.value.length > TEXT_MAX) return refuse(sink, `$.${name}`, `${pascal(name)} must be at most ${TEXT_MAX} characters in length.`);
  return converted.value;
}

function optionalPositiveInt(body: Record<string, unknown>, name: string, sink: ErrorSink): number | null {
  const raw = member(body, name);
  if (raw === undefined || raw === null) return null;
  const converted = toInteger(raw, pascal(name), -2147483648, INT32_MAX);
  if (!converted.ok) return refuse(sink, `$.${name}`, converted.message);
  if (converted.value < 1) return refuse(sink, `$.${name}`, `${pascal(name)} must be greater than or equal to 1.`);
  return converted.value;
}

function childDescriptors(body: Record<string, unknown>, sink: ErrorSink): ChildDescriptor[] {
  const found: ChildDescriptor[] = [];
  for (const child of CHILD_COLLECTIONS) {
    collection(member(body, child.name), child.name, sink).forEach((item, index) => {
      const itemPath = `$.${child.name}[${index}]`;
      if (!isPlainObject(item)) return sink.add(itemPath, `${pascal(child.name)} items must be objects.`);
      const path = `${itemPath}.${child.descriptor}`;
      const value = requiredString(item, child.descriptor, path, { max: DESCRIPTOR_MAX, descriptor: true }, sink);
      if (value !== undefined) found.push({ path, descriptorName: pascal(child.descriptor), value });
    });
  }
  return found;
}

export function validateCourseOfferingBody(body: unknown): CourseOfferingValidation {
  if (!isPlainObject(body)) {
    return { ok: false, validationErrors: { $: ['The request body must be a JSON object representing a course offering.'] } };
  }
  const sink = new ErrorSink();
  const localCourseCode = requiredString(body, 'localCourseCode', '$.localCourseCode', { max: TEXT_MAX }, sink);
  const course = referenceObject(member(body, 'courseReference'), 'courseReference', '$.courseReference', ['courseCode', 'educationOrganizationId'], sink);
  const school = referenceObject(member(body, 'schoolReference'), 'schoolReference', '$.schoolReference', ['schoolId'], sink);
  const session = referenceObject(member(body, 'sessionReference'), 'sessionReference', '$.sessionReference', ['schoolId', 'schoolYear', 'sessionName'], sink);
  const courseCode = course && requiredString(course, 'courseCode', '$.courseReference.courseCode', { max: TEXT_MAX }, sink);
  const educationOrganizationId = course && requiredInteger(course, 'educationOrganizationId', '$.courseReference.educationOrganizationId', ED_ORG_ID, sink);
  const schoolId = school && requiredInteger(school, 'schoolId', '$.schoolReference.schoolId', ED_ORG_ID, sink);
  const sessionSchoolId = session && requiredInteger(session, 'schoolId', '$.sessionReference.schoolId', ED_ORG_ID, sink);
  const schoolYear = session && requiredInteger(session, 'schoolYear', '$.sessionReference.schoolYear', SMALLINT, sink);
  const sessionName = session && requiredString(session, 'sessionName', '$.sessionReference.sessionName', { max: TEXT_MAX }, sink);
  const localCourseTitle = optionalText(body, 'localCourseTitle', sink);
  const instructionalTimePlanned = optionalPositiveInt(body, 'instructionalTimePlanned', sink);
  const descriptors = childDescriptors(body, sink);
  // schoolId is unified: the school and the session's school are one column in ODS.
  if (schoolId !== undefined && sessionSchoolId !== undefined) {
    reportUnification('schoolId', schoolId, [{ value: sessionSchoolId, path: '$.sessionReference.schoolId' }], sink);
  }
  if (!sink.empty) return { ok: false, validationErrors: sink.errors };
  return {
    ok: true,
    hasId: hasMember(body, 'id') && member(body, 'id') !== null,
    childDescriptors: descriptors,
    value: {
      localCourseCode: localCourseCode!,
      schoolId: schoolId!,
      schoolYear: schoolYear!,
      sessionName: sessionName!,
      courseCode: courseCode!,
      educationOrganizationId: educationOrganizationId!,
      localCourseTitle,
      instructionalTimePlanned,
    },
  };
}
