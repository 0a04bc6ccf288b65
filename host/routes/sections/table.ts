// The host-side table of ed-fi/sections for GET-many (queries/table-list.ts) and GET by id: how a
// row is selected, filtered and rendered. GET-many is there so a client can find a section by
// its identifier (the suite's sweep looks up a POST whose answer never came by name).
import { authorizeResourceAction } from '../../auth/authorize.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { ListedTable } from '../../queries/table-list.js';
import { link, stamp } from '../dependencies/resources.js';

const hex = (column: string) => `replace(${column}::text, '-', '')`;

export function authorizeSectionsRead(req: HostRequest): HostResponse | undefined {
  return authorizeResourceAction(req, 'section', 'read');
}

export const sectionTable: ListedTable = {
  from: `edfi.section s
         JOIN edfi.courseoffering o ON o.localcoursecode = s.localcoursecode AND o.schoolid = s.schoolid
                                   AND o.schoolyear = s.schoolyear AND o.sessionname = s.sessionname`,
  alias: 's',
  columns: `s.aggregateid, ${hex('s.id')} AS rid, s.sectionidentifier, s.localcoursecode, s.schoolid, s.schoolyear::int AS schoolyear,
            s.sessionname, s.sectionname, ${hex('o.id')} AS offering_rid, to_char(s.lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS.US') AS lm`,
  bindFilters(binder, where) {
    const sectionIdentifier = binder.string('sectionIdentifier');
    const localCourseCode = binder.string('localCourseCode');
    const schoolId = binder.int64('schoolId');
    const schoolYear = binder.int32('schoolYear');
    const sessionName = binder.string('sessionName');
    const sectionName = binder.string('sectionName');
    const id = binder.guid('id');
    if (sectionIdentifier !== undefined) where.and(`s.sectionidentifier = ${where.param(sectionIdentifier)}`);
    if (localCourseCode !== undefined) where.and(`s.localcoursecode = ${where.param(localCourseCode)}`);
    if (schoolId !== undefined) where.and(`s.schoolid = ${where.param(schoolId)}::bigint`);
    if (schoolYear !== undefined) where.and(`s.schoolyear::int = ${where.param(schoolYear)}::int`);
    if (sessionName !== undefined) where.and(`s.sessionname = ${where.param(sessionName)}`);
    if (sectionName !== undefined) where.and(`s.sectionname = ${where.param(sectionName)}`);
    if (id !== undefined) where.and(`s.id = ${where.param(id)}::uuid`);
  },
  schoolColumn: 's.schoolid',
  authorizeRead: authorizeSectionsRead,
  // The members this host keeps, in edFi_section's order; a null sectionName is omitted (7.3).
  render: (row: Record<string, any>) => ({
    id: row.rid,
    sectionIdentifier: row.sectionidentifier,
    courseOfferingReference: {
      localCourseCode: row.localcoursecode,
      schoolId: Number(row.schoolid),
      schoolYear: Number(row.schoolyear),
      sessionName: row.sessionname,
      link: link('CourseOffering', 'courseOfferings', row.offering_rid),
    },
    ...(row.sectionname === null || row.sectionname === undefined ? {} : { sectionName: row.sectionname }),
    ...stamp(row),
  }),
};
