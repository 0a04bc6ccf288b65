// Component schemas of the host's OpenAPI document: the session resource and its references
// (CONTRACT.md §1.2), tracked changes (§1.4), partitions and problem details (§2.1).
// Names follow ODS's component names so a client generated from either document lines up.
import type { OpenAPIV3 } from 'openapi-types';

const ref = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const int64: OpenAPIV3.SchemaObject = { type: 'integer', format: 'int64' };
const int32: OpenAPIV3.SchemaObject = { type: 'integer', format: 'int32' };
const text = (maxLength: number, description: string, minLength?: number): OpenAPIV3.SchemaObject =>
  minLength === undefined ? { type: 'string', maxLength, description } : { type: 'string', minLength, maxLength, description };

function reference(description: string, required: string[], properties: Record<string, OpenAPIV3.SchemaObject>): OpenAPIV3.SchemaObject {
  return { type: 'object', description, required, properties: { ...properties, link: ref('link') } };
}

const sessionKey: Record<string, OpenAPIV3.SchemaObject> = {
  sessionName: text(60, 'Name of the session within the school and school year.'),
  schoolId: { ...int64, description: 'School the session belongs to.' },
  schoolYear: { ...int32, description: 'School year of the session.' },
};

export const componentSchemas: Record<string, OpenAPIV3.SchemaObject> = {
  edFi_session: {
    type: 'object',
    description: 'An academic session (term) of a school in a school year. Natural key: schoolId, schoolYear, sessionName.',
    required: ['sessionName', 'termDescriptor', 'beginDate', 'endDate', 'totalInstructionalDays', 'schoolReference', 'schoolYearTypeReference'],
    properties: {
      id: { type: 'string', description: 'Resource identifier assigned by the server: 32 lower-case hex digits. Never sent on POST.' },
      sessionName: text(60, 'Name of the session; part of the natural key.'),
      schoolReference: ref('edFi_schoolReference') as OpenAPIV3.SchemaObject,
      schoolYearTypeReference: ref('edFi_schoolYearTypeReference') as OpenAPIV3.SchemaObject,
      academicWeeks: { type: 'array', description: 'Academic weeks of the session (always present in responses).', items: ref('edFi_sessionAcademicWeek') },
      beginDate: { type: 'string', format: 'date', description: 'First day of the session.' },
      endDate: { type: 'string', format: 'date', description: 'Last day of the session.' },
      gradingPeriods: { type: 'array', description: 'Grading periods of the session (always present in responses).', items: ref('edFi_sessionGradingPeriod') },
      termDescriptor: text(306, 'Term descriptor URI, namespace#codeValue, e.g. uri://ed-fi.org/TermDescriptor#Fall Semester.'),
      totalInstructionalDays: { ...int32, minimum: 0, description: 'Instructional days in the session; 0 is allowed.' },
      _etag: { type: 'string', readOnly: true, description: 'Version of the item; equals the ETag header value without quotes.' },
      _lastModifiedDate: { type: 'string', format: 'date-time', readOnly: true, description: 'When the item last changed (UTC).' },
    },
  },
  edFi_sessionAcademicWeek: {
    type: 'object',
    required: ['academicWeekReference'],
    properties: { academicWeekReference: ref('edFi_academicWeekReference') },
  },
  edFi_sessionGradingPeriod: {
    type: 'object',
    required: ['gradingPeriodReference'],
    properties: { gradingPeriodReference: ref('edFi_gradingPeriodReference') },
  },
  edFi_schoolReference: reference('Refers to a school.', ['schoolId'], { schoolId: { ...int64, description: 'School identifier.' } }),
  edFi_schoolYearTypeReference: reference('Refers to a school year.', ['schoolYear'], { schoolYear: { ...int32, description: 'School year.' } }),
  edFi_academicWeekReference: reference('Refers to an academic week of the same school.', ['schoolId', 'weekIdentifier'], {
    schoolId: { ...int64, description: 'School identifier; must equal the session school.' },
    weekIdentifier: text(80, 'Week identifier.', 5),
  }),
  edFi_gradingPeriodReference: reference(
    'Refers to a grading period of the same school and school year.',
    ['gradingPeriodDescriptor', 'gradingPeriodName', 'schoolId', 'schoolYear'],
    {
      gradingPeriodDescriptor: text(306, 'Grading period descriptor URI.'),
      gradingPeriodName: text(60, 'Grading period name.'),
      schoolId: { ...int64, description: 'School identifier; must equal the session school.' },
      schoolYear: { ...int32, description: 'School year; must equal the session school year.' },
    },
  ),
  edFi_sessionReference: reference('Refers to a session (used by other resources).', ['schoolId', 'schoolYear', 'sessionName'], sessionKey),
  link: {
    type: 'object',
    description: 'Where the referenced item can be read, relative to the data API root.',
    properties: {
      rel: { type: 'string', description: 'Referenced resource, e.g. School.' },
      href: { type: 'string', description: 'Relative path, e.g. /ed-fi/schools/{id}.' },
    },
  },
  trackedChanges_edFi_sessionKey: { type: 'object', properties: sessionKey },
  trackedChanges_edFi_sessionDelete: {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'Identifier of the deleted item.' },
      changeVersion: { type: 'number', description: 'Change version of the delete (an integer at run time).' },
      keyValues: ref('trackedChanges_edFi_sessionKey'),
    },
  },
  trackedChanges_edFi_sessionKeyChange: {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'Identifier of the item whose key changed.' },
      changeVersion: { type: 'number', description: 'Change version of the last key change in the window (an integer at run time).' },
      oldKeyValues: ref('trackedChanges_edFi_sessionKey'),
      newKeyValues: ref('trackedChanges_edFi_sessionKey'),
    },
  },
  partitions: {
    type: 'object',
    properties: { pageTokens: { type: 'array', items: { type: 'string' }, description: 'One page token per partition, first page of each.' } },
  },
  problemDetails: {
    type: 'object',
    description: 'Ed-Fi problem details (RFC 9457); members that would be null are omitted.',
    required: ['type', 'title', 'status', 'correlationId'],
    properties: {
      detail: { type: 'string' },
      type: { type: 'string', description: 'URN such as urn:ed-fi:api:bad-request:data-validation-failed.' },
      title: { type: 'string' },
      status: { type: 'integer' },
      correlationId: { type: 'string' },
      validationErrors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, description: 'Messages keyed by JSON path.' },
      errors: { type: 'array', items: { type: 'string' } },
    },
  },
};
