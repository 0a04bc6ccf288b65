// Validation of an edFi_section request body, as far as this host serves sections: the members the
// ODS 7.2 OpenAPI requires (sectionIdentifier, at most 255 characters, and courseOfferingReference
// with its four key members) plus the optional sectionName (at most 100). Sections exist here only
// so that a course offering can have a dependent; the other members of edFi_section are accepted
// and ignored. Errors are keyed by JSONPath in ODS's wording, as for course offerings.
import { isPlainObject, member } from './json-body.js';
import { ErrorSink, pascal, referenceObject, requiredInteger, requiredString } from './body-rules.js';
import { toText } from './scalars.js';

export interface SectionInput {
  sectionIdentifier: string;
  localCourseCode: string;
  schoolId: number;
  schoolYear: number;
  sessionName: string;
  sectionName: string | null;
}

export type SectionValidation = { ok: true; value: SectionInput; hasId: boolean } | { ok: false; validationErrors: Record<string, string[]> };

const ED_ORG_ID = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER };
const SMALLINT = { min: -32768, max: 32767 };

function optionalSectionName(body: Record<string, unknown>, sink: ErrorSink): string | null {
  const raw = member(body, 'sectionName');
  if (raw === undefined || raw === null) return null;
  const converted = toText(raw, pascal('sectionName'));
  if (!converted.ok) {
    sink.add('$.sectionName', converted.message);
    return null;
  }
  if (converted.value.length > 100) {
    sink.add('$.sectionName', 'SectionName must be at most 100 characters in length.');
    return null;
  }
  return converted.value;
}

export function validateSectionBody(body: unknown): SectionValidation {
  if (!isPlainObject(body)) return { ok: false, validationErrors: { $: ['The request body must be a JSON object representing a section.'] } };
  const sink = new ErrorSink();
  const sectionIdentifier = requiredString(body, 'sectionIdentifier', '$.sectionIdentifier', { max: 255 }, sink);
  const ref = referenceObject(member(body, 'courseOfferingReference'), 'courseOfferingReference', '$.courseOfferingReference', ['localCourseCode', 'schoolId', 'schoolYear', 'sessionName'], sink);
  const at = (name: string): string => `$.courseOfferingReference.${name}`;
  const localCourseCode = ref && requiredString(ref, 'localCourseCode', at('localCourseCode'), { max: 60 }, sink);
  const schoolId = ref && requiredInteger(ref, 'schoolId', at('schoolId'), ED_ORG_ID, sink);
  const schoolYear = ref && requiredInteger(ref, 'schoolYear', at('schoolYear'), SMALLINT, sink);
  const sessionName = ref && requiredString(ref, 'sessionName', at('sessionName'), { max: 60 }, sink);
  const sectionName = optionalSectionName(body, sink);
  if (!sink.empty) return { ok: false, validationErrors: sink.errors };
  return {
    ok: true,
    hasId: member(body, 'id') !== undefined && member(body, 'id') !== null,
    value: { sectionIdentifier: sectionIdentifier!, localCourseCode: localCourseCode!, schoolId: schoolId!, schoolYear: schoolYear!, sessionName: sessionName!, sectionName },
  };
}
