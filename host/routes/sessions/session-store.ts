// Row-level reads and writes of edfi.session and its child tables for the write handlers.
// Every function takes the transaction's Db. Change versions and lastmodifieddate on UPDATE are
// the database's job (schema.sql triggers); inserts stamp lastmodifieddate with clock time.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/db.js';
import type { ResolvedSession } from './references.js';

export interface StoredSession {
  /** Dashed UUID. */
  id: string;
  schoolId: number;
  schoolYear: number;
  sessionName: string;
  beginDate: string;
  endDate: string;
  termDescriptorId: number;
  totalInstructionalDays: number;
  /** lastmodifieddate as text with microseconds (the ETag source). */
  lastModified: string;
  gradingPeriodKeys: string[];
  academicWeekKeys: string[];
}

export interface SessionKey {
  schoolId: number;
  schoolYear: number;
  sessionName: string;
}

const SESSION_SELECT = `
  SELECT id::text AS id, schoolid, schoolyear::int AS schoolyear, sessionname,
         to_char(begindate, 'YYYY-MM-DD') AS begindate, to_char(enddate, 'YYYY-MM-DD') AS enddate,
         termdescriptorid, totalinstructionaldays,
         to_char(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS.US') AS lastmodified
  FROM edfi.session`;

interface SessionRowText {
  id: string;
  schoolid: number;
  schoolyear: number;
  sessionname: string;
  begindate: string;
  enddate: string;
  termdescriptorid: number;
  totalinstructionaldays: number;
  lastmodified: string;
}

function gradingPeriodKey(descriptorId: number, name: string): string {
  return JSON.stringify([Number(descriptorId), name]);
}

async function withChildren(db: Db, row: SessionRowText | undefined): Promise<StoredSession | undefined> {
  if (!row) return undefined;
  const key = [row.schoolid, row.schoolyear, row.sessionname];
  const periods = await db.query<{ gradingperioddescriptorid: number; gradingperiodname: string }>(
    `SELECT gradingperioddescriptorid, gradingperiodname FROM edfi.sessiongradingperiod
     WHERE schoolid = $1 AND schoolyear = $2 AND sessionname = $3`,
    key,
  );
  const weeks = await db.query<{ weekidentifier: string }>(
    'SELECT weekidentifier FROM edfi.sessionacademicweek WHERE schoolid = $1 AND schoolyear = $2 AND sessionname = $3',
    key,
  );
  return {
    id: row.id,
    schoolId: Number(row.schoolid),
    schoolYear: Number(row.schoolyear),
    sessionName: row.sessionname,
    beginDate: row.begindate,
    endDate: row.enddate,
    termDescriptorId: Number(row.termdescriptorid),
    totalInstructionalDays: Number(row.totalinstructionaldays),
    lastModified: row.lastmodified,
    gradingPeriodKeys: periods.rows.map((p) => gradingPeriodKey(p.gradingperioddescriptorid, p.gradingperiodname)).sort(),
    academicWeekKeys: weeks.rows.map((w) => w.weekidentifier).sort(),
  };
}

/** FOR UPDATE locks the row until the transaction ends (pg mode; PGlite is serialized anyway). */
export async function findSessionById(db: Db, id: string, forUpdate = false): Promise<StoredSession | undefined> {
  const { rows } = await db.query<SessionRowText>(`${SESSION_SELECT} WHERE id = $1::uuid ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return withChildren(db, rows[0]);
}

export async function findSessionByKey(db: Db, key: SessionKey, forUpdate = false): Promise<StoredSession | undefined> {
  const { rows } = await db.query<SessionRowText>(
    `${SESSION_SELECT} WHERE schoolid = $1 AND schoolyear = $2 AND sessionname = $3 ${forUpdate ? 'FOR UPDATE' : ''}`,
    [key.schoolId, key.schoolYear, key.sessionName],
  );
  return withChildren(db, rows[0]);
}

function desiredGradingPeriodKeys(session: ResolvedSession): string[] {
  return session.gradingPeriodRows.map((p) => gradingPeriodKey(p.descriptorId, p.name)).sort();
}

function desiredWeekKeys(session: ResolvedSession): string[] {
  return session.academicWeeks.map((w) => w.weekIdentifier).sort();
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

export function sameKey(stored: StoredSession, session: SessionKey): boolean {
  return stored.schoolId === session.schoolId && stored.schoolYear === session.schoolYear && stored.sessionName === session.sessionName;
}

/** True when writing `session` over `stored` would change nothing (the no-op upsert). */
export function isUnchanged(stored: StoredSession, session: ResolvedSession): boolean {
  return (
    sameKey(stored, session) &&
    stored.beginDate === session.beginDate &&
    stored.endDate === session.endDate &&
    stored.termDescriptorId === session.termDescriptorId &&
    stored.totalInstructionalDays === session.totalInstructionalDays &&
    sameList(stored.gradingPeriodKeys, desiredGradingPeriodKeys(session)) &&
    sameList(stored.academicWeekKeys, desiredWeekKeys(session))
  );
}

async function insertChildren(db: Db, session: ResolvedSession, only?: { periods: Set<string>; weeks: Set<string> }): Promise<void> {
  const key = [session.schoolId, session.schoolYear, session.sessionName];
  for (const period of session.gradingPeriodRows) {
    if (only && !only.periods.has(gradingPeriodKey(period.descriptorId, period.name))) continue;
    await db.query(
      `INSERT INTO edfi.sessiongradingperiod (schoolid, schoolyear, sessionname, gradingperioddescriptorid, gradingperiodname)
       VALUES ($1, $2, $3, $4, $5)`,
      [...key, period.descriptorId, period.name],
    );
  }
  for (const week of session.academicWeeks) {
    if (only && !only.weeks.has(week.weekIdentifier)) continue;
    await db.query('INSERT INTO edfi.sessionacademicweek (schoolid, schoolyear, sessionname, weekidentifier) VALUES ($1, $2, $3, $4)', [
      ...key,
      week.weekIdentifier,
    ]);
  }
}

/**
 * Inserts a session with its children in one statement, unless its natural key is taken
 * (undefined then, and nothing is written: no sequence value is drawn, so availableChangeVersions
 * does not move). One statement is atomic on its own, so POST needs no BEGIN/COMMIT for a new key;
 * the foreign keys of the children are checked at its end, after the session row exists. The id
 * is a random (v4) UUID drawn here, as the column default would draw it: in PGlite the default
 * opens and reads /dev/urandom through the WASM file system on every insert.
 */
export async function insertSession(db: Db, session: ResolvedSession): Promise<{ id: string; lastModified: string } | undefined> {
  const { rows } = await db.query<{ id: string; lastmodified: string }>(
    `WITH inserted AS (
       INSERT INTO edfi.session
         (schoolid, schoolyear, sessionname, begindate, enddate, termdescriptorid, totalinstructionaldays, id, createdate, lastmodifieddate)
       SELECT $1::bigint, $2::smallint, $3::varchar, $4::date, $5::date, $6::int, $7::int, $11::uuid,
              (clock_timestamp() AT TIME ZONE 'utc'), (clock_timestamp() AT TIME ZONE 'utc')
       WHERE NOT EXISTS (SELECT 1 FROM edfi.session WHERE schoolid = $1::bigint AND schoolyear = $2::smallint AND sessionname = $3::varchar)
       RETURNING schoolid, schoolyear, sessionname, id, lastmodifieddate
     ), periods AS (
       INSERT INTO edfi.sessiongradingperiod (schoolid, schoolyear, sessionname, gradingperioddescriptorid, gradingperiodname)
       SELECT i.schoolid, i.schoolyear, i.sessionname, p.descriptorid, p.name
       FROM inserted i CROSS JOIN unnest($8::int[], $9::varchar[]) AS p(descriptorid, name)
     ), weeks AS (
       INSERT INTO edfi.sessionacademicweek (schoolid, schoolyear, sessionname, weekidentifier)
       SELECT i.schoolid, i.schoolyear, i.sessionname, w.weekidentifier
       FROM inserted i CROSS JOIN unnest($10::varchar[]) AS w(weekidentifier)
     )
     SELECT id::text AS id, to_char(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS.US') AS lastmodified FROM inserted`,
    [
      session.schoolId,
      session.schoolYear,
      session.sessionName,
      session.beginDate,
      session.endDate,
      session.termDescriptorId,
      session.totalInstructionalDays,
      session.gradingPeriodRows.map((p) => p.descriptorId),
      session.gradingPeriodRows.map((p) => p.name),
      session.academicWeeks.map((w) => w.weekIdentifier),
      randomUUID(),
    ],
  );
  const row = rows[0];
  return row ? { id: row.id, lastModified: row.lastmodified } : undefined;
}

export interface UpdateOptions {
  /** Keep the change version (the freezeChangeVersionOnUpdate seam). */
  freezeChangeVersion: boolean;
}

/**
 * Rewrites a stored session with new values (key included: the FK cascade carries course
 * offerings). Child rows are diffed; on a key change they are rebuilt because the references
 * then point at the new school/year.
 */
export async function updateSession(db: Db, stored: StoredSession, session: ResolvedSession, options: UpdateOptions): Promise<void> {
  if (options.freezeChangeVersion) await db.query("SELECT set_config('edfi.freeze_changeversion', 'on', true)");
  const oldKey = [stored.schoolId, stored.schoolYear, stored.sessionName];
  const keyChanged = !sameKey(stored, session);
  const wantedPeriods = new Set(desiredGradingPeriodKeys(session));
  const wantedWeeks = new Set(desiredWeekKeys(session));
  if (keyChanged) {
    await db.query('DELETE FROM edfi.sessiongradingperiod WHERE schoolid = $1 AND schoolyear = $2 AND sessionname = $3', oldKey);
    await db.query('DELETE FROM edfi.sessionacademicweek WHERE schoolid = $1 AND schoolyear = $2 AND sessionname = $3', oldKey);
  } else {
    for (const key of stored.gradingPeriodKeys) {
      if (wantedPeriods.has(key)) continue;
      const [descriptorId, name] = JSON.parse(key) as [number, string];
      await db.query(
        `DELETE FROM edfi.sessiongradingperiod WHERE schoolid = $1 AND schoolyear = $2 AND sessionname = $3
         AND gradingperioddescriptorid = $4 AND gradingperiodname = $5`,
        [...oldKey, descriptorId, name],
      );
    }
    for (const week of stored.academicWeekKeys) {
      if (wantedWeeks.has(week)) continue;
      await db.query('DELETE FROM edfi.sessionacademicweek WHERE schoolid = $1 AND schoolyear = $2 AND sessionname = $3 AND weekidentifier = $4', [
        ...oldKey,
        week,
      ]);
    }
  }
  await db.query(
    `UPDATE edfi.session SET schoolid = $2, schoolyear = $3, sessionname = $4, begindate = $5, enddate = $6,
       termdescriptorid = $7, totalinstructionaldays = $8
     WHERE id = $1::uuid`,
    [stored.id, session.schoolId, session.schoolYear, session.sessionName, session.beginDate, session.endDate, session.termDescriptorId, session.totalInstructionalDays],
  );
  if (keyChanged) {
    await insertChildren(db, session);
  } else {
    const addedPeriods = new Set([...wantedPeriods].filter((k) => !stored.gradingPeriodKeys.includes(k)));
    const addedWeeks = new Set([...wantedWeeks].filter((k) => !stored.academicWeekKeys.includes(k)));
    await insertChildren(db, session, { periods: addedPeriods, weeks: addedWeeks });
  }
}

/** Touches the row without changing data (the touchOnNoOpUpsert seam): the trigger moves the ETag. */
export async function touchSession(db: Db, id: string): Promise<void> {
  await db.query('UPDATE edfi.session SET lastmodifieddate = lastmodifieddate WHERE id = $1::uuid', [id]);
}

export async function lastModifiedOf(db: Db, id: string): Promise<string> {
  const { rows } = await db.query<{ lastmodified: string }>(
    `SELECT to_char(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS.US') AS lastmodified FROM edfi.session WHERE id = $1::uuid`,
    [id],
  );
  return rows[0].lastmodified;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM edfi.session WHERE id = $1::uuid', [id]);
}

/** The first dependent resource name referencing the session, if any (blocks a DELETE). */
export async function findDependent(db: Db, stored: StoredSession): Promise<string | undefined> {
  const { rows } = await db.query(
    'SELECT 1 FROM edfi.courseoffering WHERE schoolid = $1 AND schoolyear = $2 AND sessionname = $3 LIMIT 1',
    [stored.schoolId, stored.schoolYear, stored.sessionName],
  );
  return rows.length > 0 ? 'CourseOffering' : undefined;
}

export async function keyTakenByAnother(db: Db, key: SessionKey, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM edfi.session WHERE schoolid = $1 AND schoolyear = $2 AND sessionname = $3 AND id <> $4::uuid', [
    key.schoolId,
    key.schoolYear,
    key.sessionName,
    id,
  ]);
  return rows.length > 0;
}
