// The host-side table of ed-fi/courseOfferings: how a row is selected, filtered, rendered and
// tracked. The generic machinery (queries/table-list.ts for GET-many and /partitions,
// queries/tracked-changes.ts for /deletes and /keyChanges) works from these records, so this file
// is what a resource contributes besides its writes. Natural key: localCourseCode + school +
// session (schoolId, schoolYear, sessionName), the same columns as ODS's CourseOffering_PK.
import { authorizeResourceAction } from '../../auth/authorize.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { ListedTable } from '../../queries/table-list.js';
import type { TrackedResource } from '../../queries/tracked-changes.js';
import { link, stamp } from '../dependencies/resources.js';

export const COURSE_OFFERINGS_PATH = '/data/v3/ed-fi/courseOfferings';

const hex = (column: string) => `replace(${column}::text, '-', '')`;

export function authorizeCourseOfferingsRead(req: HostRequest): HostResponse | undefined {
  return authorizeResourceAction(req, 'courseOffering', 'read');
}

export const courseOfferingTable: ListedTable = {
  from: `edfi.courseoffering o
         JOIN edfi.school sc ON sc.schoolid = o.schoolid
         JOIN edfi.session se ON se.schoolid = o.schoolid AND se.schoolyear = o.schoolyear AND se.sessionname = o.sessionname
         JOIN edfi.course c ON c.coursecode = o.coursecode AND c.educationorganizationid = o.educationorganizationid`,
  alias: 'o',
  columns: `o.aggregateid, ${hex('o.id')} AS rid, o.localcoursecode, o.schoolid, o.schoolyear::int AS schoolyear, o.sessionname,
            o.coursecode, o.educationorganizationid, o.localcoursetitle, o.instructionaltimeplanned,
            ${hex('sc.id')} AS school_rid, ${hex('se.id')} AS session_rid, ${hex('c.id')} AS course_rid,
            to_char(o.lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS.US') AS lm`,
  bindFilters(binder, where) {
    const localCourseCode = binder.string('localCourseCode');
    const schoolId = binder.int64('schoolId');
    const schoolYear = binder.int32('schoolYear');
    const sessionName = binder.string('sessionName');
    const courseCode = binder.string('courseCode');
    const educationOrganizationId = binder.int64('educationOrganizationId');
    const id = binder.guid('id');
    const instructionalTimePlanned = binder.int32('instructionalTimePlanned');
    const localCourseTitle = binder.string('localCourseTitle');
    if (localCourseCode !== undefined) where.and(`o.localcoursecode = ${where.param(localCourseCode)}`);
    if (schoolId !== undefined) where.and(`o.schoolid = ${where.param(schoolId)}::bigint`);
    // Compare as int: a year outside smallint must match nothing, not fail the cast.
    if (schoolYear !== undefined) where.and(`o.schoolyear::int = ${where.param(schoolYear)}::int`);
    if (sessionName !== undefined) where.and(`o.sessionname = ${where.param(sessionName)}`);
    if (courseCode !== undefined) where.and(`o.coursecode = ${where.param(courseCode)}`);
    if (educationOrganizationId !== undefined) where.and(`o.educationorganizationid = ${where.param(educationOrganizationId)}::bigint`);
    if (id !== undefined) where.and(`o.id = ${where.param(id)}::uuid`);
    if (instructionalTimePlanned !== undefined) where.and(`o.instructionaltimeplanned = ${where.param(instructionalTimePlanned)}::int`);
    if (localCourseTitle !== undefined) where.and(`o.localcoursetitle = ${where.param(localCourseTitle)}`);
  },
  schoolColumn: 'o.schoolid',
  authorizeRead: authorizeCourseOfferingsRead,
  // Member order as ODS writes edFi_courseOffering; null members are omitted (7.3).
  render: (row: Record<string, any>) => ({
    id: row.rid,
    localCourseCode: row.localcoursecode,
    courseReference: {
      courseCode: row.coursecode,
      educationOrganizationId: Number(row.educationorganizationid),
      link: link('Course', 'courses', row.course_rid),
    },
    schoolReference: { schoolId: Number(row.schoolid), link: link('School', 'schools', row.school_rid) },
    sessionReference: {
      schoolId: Number(row.schoolid),
      schoolYear: Number(row.schoolyear),
      sessionName: row.sessionname,
      link: link('Session', 'sessions', row.session_rid),
    },
    // The host knows none of the descriptors these collections name, so they are always empty.
    courseLevelCharacteristics: [],
    curriculumUseds: [],
    ...(row.instructionaltimeplanned === null || row.instructionaltimeplanned === undefined
      ? {}
      : { instructionalTimePlanned: Number(row.instructionaltimeplanned) }),
    ...(row.localcoursetitle === null || row.localcoursetitle === undefined ? {} : { localCourseTitle: row.localcoursetitle }),
    offeredGradeLevels: [],
    ...stamp(row),
  }),
};

export const courseOfferingTracked: TrackedResource = {
  table: 'courseoffering',
  keys: [
    { name: 'localCourseCode', column: 'localcoursecode', type: 'text' },
    { name: 'schoolId', column: 'schoolid', type: 'integer' },
    { name: 'schoolYear', column: 'schoolyear', type: 'integer' },
    { name: 'sessionName', column: 'sessionname', type: 'text' },
  ],
  schoolColumn: 'schoolid',
  authorizeRead: authorizeCourseOfferingsRead,
};
