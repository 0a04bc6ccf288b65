// ed-fi/courseOfferings in the host's OpenAPI document: its filters (the GET-many parameters of the
// ODS 7.2 resources document, in its order), its component schemas (edFi_courseOffering and what it
// references, its tracked-change shapes) and the resource record resourcePaths() expands.
import type { OpenAPIV3 } from 'openapi-types';
import type { OpenApiResource } from './paths.js';

const query = (name: string, schema: OpenAPIV3.SchemaObject, description: string): OpenAPIV3.ParameterObject => ({ name, in: 'query', description, schema });
const ref = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const int64: OpenAPIV3.SchemaObject = { type: 'integer', format: 'int64' };
const int32: OpenAPIV3.SchemaObject = { type: 'integer', format: 'int32' };
const text60 = (description: string): OpenAPIV3.SchemaObject => ({ type: 'string', maxLength: 60, description });

export const courseOfferingFilters: OpenAPIV3.ParameterObject[] = [
  query('localCourseCode', { type: 'string', maxLength: 60 }, 'Course offerings with this local course code.'),
  query('schoolId', int64, 'Course offerings of this school.'),
  query('schoolYear', int32, 'Course offerings of sessions in this school year.'),
  query('sessionName', { type: 'string', maxLength: 60 }, 'Course offerings of the session with this name.'),
  query('courseCode', { type: 'string', maxLength: 60 }, 'Course offerings of the course with this code.'),
  query('educationOrganizationId', int64, "Course offerings of courses of this education organization."),
  query('id', { type: 'string' }, 'The course offering with this resource identifier.'),
  query('instructionalTimePlanned', int32, 'Course offerings with this many planned minutes of instruction.'),
  query('localCourseTitle', { type: 'string', maxLength: 60 }, 'Course offerings with this local title.'),
];

export const COURSE_OFFERING_OPENAPI: OpenApiResource = {
  path: '/ed-fi/courseOfferings',
  tag: 'courseOfferings',
  plural: 'CourseOfferings',
  singular: 'CourseOffering',
  schema: 'edFi_courseOffering',
  deleteSchema: 'trackedChanges_edFi_courseOfferingDelete',
  keyChangeSchema: 'trackedChanges_edFi_courseOfferingKeyChange',
  filters: courseOfferingFilters,
  noun: 'course offering',
  keyChange: 'not-supported',
};

const offeringKey: Record<string, OpenAPIV3.SchemaObject> = {
  localCourseCode: text60('Local code of the course offering; part of the natural key.'),
  schoolId: { ...int64, description: 'School of the offering (and of its session).' },
  schoolYear: { ...int32, description: 'School year of the session.' },
  sessionName: text60('Name of the session.'),
};

const descriptorItem = (member: string, description: string): OpenAPIV3.SchemaObject => ({
  type: 'object',
  required: [member],
  properties: { [member]: { type: 'string', maxLength: 306, description } },
});

export const courseOfferingSchemas: Record<string, OpenAPIV3.SchemaObject> = {
  edFi_courseOffering: {
    type: 'object',
    description:
      'A course offered in a session of a school. Natural key: localCourseCode, schoolId, schoolYear, sessionName; it changes only when the referenced session is renamed (cascade).',
    required: ['localCourseCode', 'courseReference', 'schoolReference', 'sessionReference'],
    properties: {
      id: { type: 'string', description: 'Resource identifier assigned by the server: 32 lower-case hex digits. Never sent on POST.' },
      localCourseCode: text60('Local code of the course offering; part of the natural key.'),
      courseReference: ref('edFi_courseReference') as OpenAPIV3.SchemaObject,
      schoolReference: ref('edFi_schoolReference') as OpenAPIV3.SchemaObject,
      sessionReference: ref('edFi_sessionReference') as OpenAPIV3.SchemaObject,
      courseLevelCharacteristics: { type: 'array', description: 'Always empty on this host (no such descriptors are seeded).', items: ref('edFi_courseOfferingCourseLevelCharacteristic') },
      curriculumUseds: { type: 'array', description: 'Always empty on this host (no such descriptors are seeded).', items: ref('edFi_courseOfferingCurriculumUsed') },
      instructionalTimePlanned: { ...int32, minimum: 1, description: 'Planned minutes of instruction; omitted when not set.' },
      localCourseTitle: text60('Local title, when it differs from the course title; omitted when not set.'),
      offeredGradeLevels: { type: 'array', description: 'Always empty on this host (no such descriptors are seeded).', items: ref('edFi_courseOfferingOfferedGradeLevel') },
      _etag: { type: 'string', readOnly: true, description: 'Version of the item; equals the ETag header value without quotes.' },
      _lastModifiedDate: { type: 'string', format: 'date-time', readOnly: true, description: 'When the item last changed (UTC), also by a cascaded session rename.' },
    },
  },
  edFi_courseReference: {
    type: 'object',
    description: 'Refers to a course of an education organization.',
    required: ['courseCode', 'educationOrganizationId'],
    properties: {
      courseCode: text60('Course code.'),
      educationOrganizationId: { ...int64, description: 'Education organization of the course.' },
      link: ref('link') as OpenAPIV3.SchemaObject,
    },
  },
  edFi_courseOfferingCourseLevelCharacteristic: descriptorItem('courseLevelCharacteristicDescriptor', 'Course level characteristic descriptor URI.'),
  edFi_courseOfferingCurriculumUsed: descriptorItem('curriculumUsedDescriptor', 'Curriculum used descriptor URI.'),
  edFi_courseOfferingOfferedGradeLevel: descriptorItem('gradeLevelDescriptor', 'Grade level descriptor URI.'),
  trackedChanges_edFi_courseOfferingKey: { type: 'object', properties: offeringKey },
  trackedChanges_edFi_courseOfferingDelete: {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'Identifier of the deleted item.' },
      changeVersion: { type: 'number', description: 'Change version of the delete (an integer at run time).' },
      keyValues: ref('trackedChanges_edFi_courseOfferingKey'),
    },
  },
  trackedChanges_edFi_courseOfferingKeyChange: {
    type: 'object',
    properties: {
      id: { type: 'string', description: 'Identifier of the item whose key changed (by a session rename).' },
      changeVersion: { type: 'number', description: 'Change version of the last key change in the window (an integer at run time).' },
      oldKeyValues: ref('trackedChanges_edFi_courseOfferingKey'),
      newKeyValues: ref('trackedChanges_edFi_courseOfferingKey'),
    },
  },
};
