// Row-level reads and writes of edfi.courseoffering for the write handlers; every function takes
// the transaction's Db. Change versions, lastmodifieddate on UPDATE and the tracked rows are the
// database's job (schema.sql triggers), as for sessions.
import type { Db } from '../../db/db.js';
import type { CourseOfferingInput } from '../../validation/course-offering-body.js';

export interface StoredCourseOffering extends CourseOfferingInput {
  /** Dashed UUID. */
  id: string;
  /** lastmodifieddate as text with microseconds (the ETag source). */
  lastModified: string;
}

const SELECT = `
  SELECT id::text AS id, localcoursecode, schoolid, schoolyear::int AS schoolyear, sessionname, coursecode,
         educationorganizationid, localcoursetitle, instructionaltimeplanned,
         to_char(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS.US') AS lastmodified
  FROM edfi.courseoffering`;

function fromRow(row: Record<string, any> | undefined): StoredCourseOffering | undefined {
  if (!row) return undefined;
  return {
    id: row.id,
    localCourseCode: row.localcoursecode,
    schoolId: Number(row.schoolid),
    schoolYear: Number(row.schoolyear),
    sessionName: row.sessionname,
    courseCode: row.coursecode,
    educationOrganizationId: Number(row.educationorganizationid),
    localCourseTitle: row.localcoursetitle ?? null,
    instructionalTimePlanned: row.instructionaltimeplanned === null ? null : Number(row.instructionaltimeplanned),
    lastModified: row.lastmodified,
  };
}

/** FOR UPDATE locks the row until the transaction ends (pg mode; PGlite is serialized anyway). */
export async function findOfferingById(db: Db, id: string, forUpdate = false): Promise<StoredCourseOffering | undefined> {
  const { rows } = await db.query(`${SELECT} WHERE id = $1::uuid ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return fromRow(rows[0]);
}

export async function findOfferingByKey(db: Db, key: CourseOfferingInput, forUpdate = false): Promise<StoredCourseOffering | undefined> {
  const { rows } = await db.query(
    `${SELECT} WHERE localcoursecode = $1 AND schoolid = $2 AND schoolyear = $3 AND sessionname = $4 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [key.localCourseCode, key.schoolId, key.schoolYear, key.sessionName],
  );
  return fromRow(rows[0]);
}

export function sameOfferingKey(a: CourseOfferingInput, b: CourseOfferingInput): boolean {
  return a.localCourseCode === b.localCourseCode && a.schoolId === b.schoolId && a.schoolYear === b.schoolYear && a.sessionName === b.sessionName;
}

/** True when writing `input` over `stored` would change nothing (no new ETag, no change version). */
export function offeringUnchanged(stored: StoredCourseOffering, input: CourseOfferingInput): boolean {
  return (
    sameOfferingKey(stored, input) &&
    stored.courseCode === input.courseCode &&
    stored.educationOrganizationId === input.educationOrganizationId &&
    stored.localCourseTitle === input.localCourseTitle &&
    stored.instructionalTimePlanned === input.instructionalTimePlanned
  );
}

export async function insertOffering(db: Db, input: CourseOfferingInput): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO edfi.courseoffering (localcoursecode, schoolid, schoolyear, sessionname, coursecode, educationorganizationid,
       localcoursetitle, instructionaltimeplanned, createdate, lastmodifieddate)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, (clock_timestamp() AT TIME ZONE 'utc'), (clock_timestamp() AT TIME ZONE 'utc'))
     RETURNING id::text AS id`,
    [input.localCourseCode, input.schoolId, input.schoolYear, input.sessionName, input.courseCode, input.educationOrganizationId,
      input.localCourseTitle, input.instructionalTimePlanned],
  );
  return rows[0].id;
}

/** Rewrites the non-key members (the key never changes through this host's writes). */
export async function updateOffering(db: Db, id: string, input: CourseOfferingInput): Promise<void> {
  await db.query(
    `UPDATE edfi.courseoffering SET coursecode = $2, educationorganizationid = $3, localcoursetitle = $4, instructionaltimeplanned = $5
     WHERE id = $1::uuid`,
    [id, input.courseCode, input.educationOrganizationId, input.localCourseTitle, input.instructionalTimePlanned],
  );
}

export async function offeringLastModified(db: Db, id: string): Promise<string> {
  const { rows } = await db.query<{ lm: string }>(
    `SELECT to_char(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS.US') AS lm FROM edfi.courseoffering WHERE id = $1::uuid`,
    [id],
  );
  return rows[0].lm;
}

export async function deleteOffering(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM edfi.courseoffering WHERE id = $1::uuid', [id]);
}

/** The entity name of the first reference that does not resolve ('School', 'Session', 'Course'). */
export async function findUnresolvedOfferingReference(db: Db, input: CourseOfferingInput): Promise<string | undefined> {
  const school = await db.query('SELECT 1 FROM edfi.school WHERE schoolid = $1', [input.schoolId]);
  if (school.rows.length === 0) return 'School';
  const session = await db.query('SELECT 1 FROM edfi.session WHERE schoolid = $1 AND schoolyear = $2 AND sessionname = $3', [
    input.schoolId,
    input.schoolYear,
    input.sessionName,
  ]);
  if (session.rows.length === 0) return 'Session';
  const course = await db.query('SELECT 1 FROM edfi.course WHERE coursecode = $1 AND educationorganizationid = $2', [
    input.courseCode,
    input.educationOrganizationId,
  ]);
  if (course.rows.length === 0) return 'Course';
  return undefined;
}
