// Row → JSON rendering of a session, shared by GET-many and GET by id (CONTRACT.md §1.2, §1.7),
// so both answer with byte-identical items. Every query addresses edfi.session as alias `s`.
import type { Db } from '../db/db.js';
import { etagFromTimestamp } from '../http/etag.js';

/** One session as the API renders it (member order as ODS writes it). */
export interface SessionResource {
  id: string;
  schoolReference: { schoolId: number; link: Link };
  schoolYearTypeReference: { schoolYear: number; link: Link };
  sessionName: string;
  beginDate: string;
  endDate: string;
  termDescriptor: string;
  totalInstructionalDays: number;
  academicWeeks: Array<{ academicWeekReference: { schoolId: number; weekIdentifier: string; link: Link } }>;
  gradingPeriods: Array<{
    gradingPeriodReference: {
      gradingPeriodDescriptor: string;
      gradingPeriodName: string;
      schoolId: number;
      schoolYear: number;
      link: Link;
    };
  }>;
  _etag: string;
  _lastModifiedDate: string;
}

export interface Link {
  rel: string;
  href: string;
}

/** A session row as selected by SESSION_COLUMNS. */
export interface SessionRow {
  aggregateid: number;
  id: string;
  schoolid: number;
  schoolyear: number;
  sessionname: string;
  begindate: string;
  enddate: string;
  termdescriptor: string;
  totalinstructionaldays: number;
  changeversion: number;
  lastmodified_iso: string;
  /** 'yyyy-MM-dd HH:mm:ss.ffffff' (UTC): the ETag keeps the DB's microseconds (a JS Date would not). */
  lastmodified_text: string;
  school_rid: string;
  schoolyear_rid: string;
}

export interface AcademicWeekRow {
  aggregateid: number;
  schoolid: number;
  weekidentifier: string;
  week_rid: string;
}

export interface GradingPeriodRow {
  aggregateid: number;
  gradingperioddescriptor: string;
  gradingperiodname: string;
  schoolid: number;
  schoolyear: number;
  period_rid: string;
}

export interface SessionChildren {
  academicWeeks: AcademicWeekRow[];
  gradingPeriods: GradingPeriodRow[];
}

export interface LoadedSession {
  aggregateId: number;
  changeVersion: number;
  /** Unquoted ETag value (also the body's _etag). */
  etag: string;
  resource: SessionResource;
}

/** Resource ids are rendered as 32 lower-case hex digits (.NET Guid "N" format). */
const hexId = (column: string): string => `replace(${column}::text, '-', '')`;

/** Columns for SessionRow; the FROM clause is SESSION_FROM. */
export const SESSION_COLUMNS = `
  s.aggregateid, ${hexId('s.id')} AS id, s.schoolid, s.schoolyear::int AS schoolyear, s.sessionname,
  to_char(s.begindate, 'YYYY-MM-DD') AS begindate, to_char(s.enddate, 'YYYY-MM-DD') AS enddate,
  td.namespace || '#' || td.codevalue AS termdescriptor, s.totalinstructionaldays, s.changeversion,
  to_char(s.lastmodifieddate, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS lastmodified_iso,
  to_char(s.lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS.US') AS lastmodified_text,
  ${hexId('sc.id')} AS school_rid, ${hexId('sy.id')} AS schoolyear_rid`;

export const SESSION_FROM = `
  edfi.session s
  JOIN edfi.descriptor td ON td.descriptorid = s.termdescriptorid
  JOIN edfi.school sc ON sc.schoolid = s.schoolid
  JOIN edfi.schoolyeartype sy ON sy.schoolyear = s.schoolyear`;

const ACADEMIC_WEEKS_SQL = `
  SELECT s.aggregateid, aw.schoolid, aw.weekidentifier, ${hexId('aw.id')} AS week_rid
  FROM edfi.session s
  JOIN edfi.sessionacademicweek saw
    ON saw.schoolid = s.schoolid AND saw.schoolyear = s.schoolyear AND saw.sessionname = s.sessionname
  JOIN edfi.academicweek aw ON aw.schoolid = saw.schoolid AND aw.weekidentifier = saw.weekidentifier
  WHERE s.aggregateid = ANY($1::int[])
  ORDER BY s.aggregateid, aw.weekidentifier`;

const GRADING_PERIODS_SQL = `
  SELECT s.aggregateid, gd.namespace || '#' || gd.codevalue AS gradingperioddescriptor,
         gp.gradingperiodname, gp.schoolid, gp.schoolyear::int AS schoolyear, ${hexId('gp.id')} AS period_rid
  FROM edfi.session s
  JOIN edfi.sessiongradingperiod sgp
    ON sgp.schoolid = s.schoolid AND sgp.schoolyear = s.schoolyear AND sgp.sessionname = s.sessionname
  JOIN edfi.gradingperiod gp
    ON gp.gradingperioddescriptorid = sgp.gradingperioddescriptorid AND gp.gradingperiodname = sgp.gradingperiodname
   AND gp.schoolid = sgp.schoolid AND gp.schoolyear = sgp.schoolyear
  JOIN edfi.descriptor gd ON gd.descriptorid = gp.gradingperioddescriptorid
  WHERE s.aggregateid = ANY($1::int[])
  ORDER BY s.aggregateid, gd.namespace, gd.codevalue, gp.gradingperiodname`;

function link(rel: string, resource: string, resourceId: string): Link {
  return { rel, href: `/ed-fi/${resource}/${resourceId}` };
}

export function renderSession(row: SessionRow, children: SessionChildren): SessionResource {
  const etag = etagFromTimestamp(row.lastmodified_text);
  return {
    id: row.id,
    schoolReference: { schoolId: Number(row.schoolid), link: link('School', 'schools', row.school_rid) },
    schoolYearTypeReference: {
      schoolYear: Number(row.schoolyear),
      link: link('SchoolYearType', 'schoolYearTypes', row.schoolyear_rid),
    },
    sessionName: row.sessionname,
    beginDate: row.begindate,
    endDate: row.enddate,
    termDescriptor: row.termdescriptor,
    totalInstructionalDays: Number(row.totalinstructionaldays),
    academicWeeks: children.academicWeeks.map((week) => ({
      academicWeekReference: {
        schoolId: Number(week.schoolid),
        weekIdentifier: week.weekidentifier,
        link: link('AcademicWeek', 'academicWeeks', week.week_rid),
      },
    })),
    gradingPeriods: children.gradingPeriods.map((period) => ({
      gradingPeriodReference: {
        gradingPeriodDescriptor: period.gradingperioddescriptor,
        gradingPeriodName: period.gradingperiodname,
        schoolId: Number(period.schoolid),
        schoolYear: Number(period.schoolyear),
        link: link('GradingPeriod', 'gradingPeriods', period.period_rid),
      },
    })),
    _etag: etag,
    _lastModifiedDate: row.lastmodified_iso,
  };
}

function groupByAggregate<T extends { aggregateid: number }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const key = Number(row.aggregateid);
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export interface SessionSelection {
  /** SQL condition over alias `s` (and `td`, `sc`, `sy`); '' or undefined = all rows. */
  where?: string;
  params?: unknown[];
  /** Appended after WHERE, e.g. 'ORDER BY s.aggregateid LIMIT $3 OFFSET $4'. Defaults to the ordering. */
  tail?: string;
}

/** The read cache key of a selection: the SQL and its parameters are all a result depends on besides the data. */
export function selectionKey(kind: string, sql: string, params: readonly unknown[]): string {
  return `${kind}\u0000${sql}\u0000${JSON.stringify(params)}`;
}

async function selectSessions(db: Db, sql: string, params: unknown[]): Promise<LoadedSession[]> {
  const { rows } = await db.query<SessionRow>(sql, params);
  if (rows.length === 0) return [];
  const aggregateIds = rows.map((row) => Number(row.aggregateid));
  const weeks = groupByAggregate((await db.query<AcademicWeekRow>(ACADEMIC_WEEKS_SQL, [aggregateIds])).rows);
  const periods = groupByAggregate((await db.query<GradingPeriodRow>(GRADING_PERIODS_SQL, [aggregateIds])).rows);
  return rows.map((row) => {
    const aggregateId = Number(row.aggregateid);
    const resource = renderSession(row, {
      academicWeeks: weeks.get(aggregateId) ?? [],
      gradingPeriods: periods.get(aggregateId) ?? [],
    });
    return { aggregateId, changeVersion: Number(row.changeversion), etag: resource._etag, resource };
  });
}

/**
 * Selects sessions (ordered by aggregateid unless `tail` says otherwise) with their child
 * collections, rendered. Two extra queries fetch all children of the page at once. One
 * consistent read (Db.read), remembered by the read cache until the next write: the result is
 * deep-frozen and may be the very object an earlier request got.
 */
export async function loadSessions(db: Db, selection: SessionSelection = {}): Promise<readonly LoadedSession[]> {
  const where = selection.where ? `WHERE ${selection.where}` : '';
  const tail = selection.tail ?? 'ORDER BY s.aggregateid';
  const sql = `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} ${where} ${tail}`;
  const params = selection.params ?? [];
  return db.read((reader) => selectSessions(reader, sql, params), { key: selectionKey('sessions', sql, params), weigh: (page) => page.length });
}
