// The read-only resources a session depends on, as ODS shapes them (a subset of their members).
// Each is a SELECT, its equality filters and a row renderer; dependency-routes.ts serves them.
import { etagFromTimestamp } from '../../http/etag.js';
import type { FilterSpec } from './list-params.js';

export type Row = Record<string, any>;

export interface ReadOnlyResource {
  /** Path segment under /data/v3/ed-fi/ (case-insensitive on the wire). */
  name: string;
  /** SELECT … FROM … WHERE TRUE…; must expose `rid` (hex id) and `lm` (lastmodified text). */
  select: string;
  /** Stable ordering expression. */
  orderBy: string;
  filters: FilterSpec[];
  /** SQL expression of the row's UUID, for GET by id. */
  idColumn: string;
  render(row: Row): Record<string, unknown>;
}

const hex = (column: string) => `replace(${column}::text, '-', '')`;
const lm = (column: string) => `to_char(${column}, 'YYYY-MM-DD HH24:MI:SS.US')`;

export function link(rel: string, resource: string, rid: string) {
  return { rel, href: `/ed-fi/${resource}/${rid}` };
}

export function stamp(row: Row): { _etag: string; _lastModifiedDate: string } {
  const text = String(row.lm);
  return { _etag: etagFromTimestamp(text), _lastModifiedDate: `${text.replace(' ', 'T')}Z` };
}

function descriptorResource(name: string, discriminator: string): ReadOnlyResource {
  return {
    name,
    select: `SELECT ${hex('d.id')} AS rid, d.descriptorid, d.namespace, d.codevalue, d.shortdescription, ${lm('d.lastmodifieddate')} AS lm
             FROM edfi.descriptor d WHERE d.discriminator = '${discriminator}'`,
    orderBy: 'd.descriptorid',
    idColumn: 'd.id',
    filters: [
      { param: 'namespace', column: 'd.namespace', type: 'text' },
      { param: 'codeValue', column: 'd.codevalue', type: 'text' },
      { param: 'shortDescription', column: 'd.shortdescription', type: 'text' },
    ],
    render: (row) => ({
      id: row.rid,
      codeValue: row.codevalue,
      description: row.shortdescription,
      namespace: row.namespace,
      shortDescription: row.shortdescription,
      ...stamp(row),
    }),
  };
}

export const readOnlyResources: ReadOnlyResource[] = [
  {
    name: 'schools',
    select: `SELECT ${hex('s.id')} AS rid, s.schoolid, s.nameofinstitution, ${lm('s.lastmodifieddate')} AS lm FROM edfi.school s WHERE TRUE`,
    orderBy: 's.schoolid',
    idColumn: 's.id',
    filters: [
      { param: 'schoolId', column: 's.schoolid', type: 'integer' },
      { param: 'nameOfInstitution', column: 's.nameofinstitution', type: 'text' },
    ],
    render: (row) => ({
      id: row.rid,
      schoolId: Number(row.schoolid),
      nameOfInstitution: row.nameofinstitution,
      educationOrganizationCategories: [],
      gradeLevels: [],
      ...stamp(row),
    }),
  },
  {
    name: 'schoolYearTypes',
    select: `SELECT ${hex('y.id')} AS rid, y.schoolyear::int AS schoolyear, y.schoolyeardescription, y.currentschoolyear,
             ${lm('y.lastmodifieddate')} AS lm FROM edfi.schoolyeartype y WHERE TRUE`,
    orderBy: 'y.schoolyear',
    idColumn: 'y.id',
    filters: [{ param: 'schoolYear', column: 'y.schoolyear', type: 'integer' }],
    render: (row) => ({
      id: row.rid,
      schoolYear: Number(row.schoolyear),
      currentSchoolYear: Boolean(row.currentschoolyear),
      schoolYearDescription: row.schoolyeardescription,
      ...stamp(row),
    }),
  },
  descriptorResource('termDescriptors', 'edfi.TermDescriptor'),
  descriptorResource('gradingPeriodDescriptors', 'edfi.GradingPeriodDescriptor'),
  {
    name: 'gradingPeriods',
    select: `SELECT ${hex('g.id')} AS rid, d.namespace || '#' || d.codevalue AS descriptor, g.gradingperiodname, g.schoolid,
             g.schoolyear::int AS schoolyear, to_char(g.begindate, 'YYYY-MM-DD') AS begindate, to_char(g.enddate, 'YYYY-MM-DD') AS enddate,
             g.periodsequence, g.totalinstructionaldays, ${hex('sc.id')} AS school_rid, ${hex('y.id')} AS year_rid,
             ${lm('g.lastmodifieddate')} AS lm
             FROM edfi.gradingperiod g
             JOIN edfi.descriptor d ON d.descriptorid = g.gradingperioddescriptorid
             JOIN edfi.school sc ON sc.schoolid = g.schoolid
             JOIN edfi.schoolyeartype y ON y.schoolyear = g.schoolyear WHERE TRUE`,
    orderBy: 'g.schoolid, g.schoolyear, g.begindate, g.gradingperiodname',
    idColumn: 'g.id',
    filters: [
      { param: 'schoolId', column: 'g.schoolid', type: 'integer' },
      { param: 'schoolYear', column: 'g.schoolyear', type: 'integer' },
      { param: 'gradingPeriodName', column: 'g.gradingperiodname', type: 'text' },
      { param: 'gradingPeriodDescriptor', column: "d.namespace || '#' || d.codevalue", type: 'text' },
    ],
    render: (row) => ({
      id: row.rid,
      gradingPeriodDescriptor: row.descriptor,
      gradingPeriodName: row.gradingperiodname,
      schoolReference: { schoolId: Number(row.schoolid), link: link('School', 'schools', row.school_rid) },
      schoolYearTypeReference: { schoolYear: Number(row.schoolyear), link: link('SchoolYearType', 'schoolYearTypes', row.year_rid) },
      beginDate: row.begindate,
      endDate: row.enddate,
      periodSequence: row.periodsequence === null ? undefined : Number(row.periodsequence),
      totalInstructionalDays: Number(row.totalinstructionaldays),
      ...stamp(row),
    }),
  },
  {
    name: 'academicWeeks',
    select: `SELECT ${hex('w.id')} AS rid, w.schoolid, w.weekidentifier, to_char(w.begindate, 'YYYY-MM-DD') AS begindate,
             to_char(w.enddate, 'YYYY-MM-DD') AS enddate, w.totalinstructionaldays, ${hex('sc.id')} AS school_rid,
             ${lm('w.lastmodifieddate')} AS lm
             FROM edfi.academicweek w JOIN edfi.school sc ON sc.schoolid = w.schoolid WHERE TRUE`,
    orderBy: 'w.schoolid, w.weekidentifier',
    idColumn: 'w.id',
    filters: [
      { param: 'schoolId', column: 'w.schoolid', type: 'integer' },
      { param: 'weekIdentifier', column: 'w.weekidentifier', type: 'text' },
    ],
    render: (row) => ({
      id: row.rid,
      schoolReference: { schoolId: Number(row.schoolid), link: link('School', 'schools', row.school_rid) },
      weekIdentifier: row.weekidentifier,
      beginDate: row.begindate,
      endDate: row.enddate,
      totalInstructionalDays: Number(row.totalinstructionaldays),
      ...stamp(row),
    }),
  },
  {
    name: 'courses',
    select: `SELECT ${hex('c.id')} AS rid, c.coursecode, c.educationorganizationid, c.coursetitle, c.numberofparts,
             ${hex('sc.id')} AS school_rid, ${lm('c.lastmodifieddate')} AS lm
             FROM edfi.course c JOIN edfi.school sc ON sc.schoolid = c.educationorganizationid WHERE TRUE`,
    orderBy: 'c.educationorganizationid, c.coursecode',
    idColumn: 'c.id',
    filters: [
      { param: 'courseCode', column: 'c.coursecode', type: 'text' },
      { param: 'educationOrganizationId', column: 'c.educationorganizationid', type: 'integer' },
    ],
    render: (row) => ({
      id: row.rid,
      courseCode: row.coursecode,
      educationOrganizationReference: {
        educationOrganizationId: Number(row.educationorganizationid),
        link: link('School', 'schools', row.school_rid),
      },
      courseTitle: row.coursetitle,
      numberOfParts: Number(row.numberofparts),
      identificationCodes: [],
      ...stamp(row),
    }),
  },
];
