// A reference host over a database the bench fills in bulk, for bench/cursor-walk.ts: 100,000
// sessions through POST would take minutes, and startHost() gives no handle on its database. So
// this opens the host's database (openDatabase: the same schema and seed), inserts N sessions with
// one grading period and one academic week each in three INSERT … SELECT statements, then wires
// the host's own router and server as startHost does (no faults, no snapshot, change queries on).
// Only the storage is filled differently; every request is answered by the unchanged host code.
import { openDatabase } from '../host/db/open.js';
import type { Db } from '../host/db/db.js';
import { PgliteDb } from '../host/db/pglite-db.js';
import { ClientRegistry } from '../host/auth/clients.js';
import { TokenStore } from '../host/auth/tokens.js';
import type { HostContext } from '../host/http/types.js';
import { createDispatcher } from '../host/router.js';
import { HostServer } from '../host/server.js';
import { seamsFor } from '../host/faults/index.js';

export interface SeededHost {
  baseUrl: string;
  /** The full-access client (reads every school's sessions). */
  full: { key: string; secret: string };
  /** Sessions stored when the host started (the N inserted plus any the seed holds). */
  sessions: number;
  /**
   * Empties the host's read cache (host/db/read-cache.ts), so the next read of a page the bench
   * has read before goes to the database again, as it did the first time.
   */
  forgetReads(): void;
  stop(): Promise<void>;
}

const SCHOOL = 255901001;
const YEAR = 2025;

/**
 * N sessions of one school and year, named so they sort in insertion order, each with one child of
 * each kind. Then ANALYZE: the host renews statistics as its count of writes doubles
 * (host/db/pglite-db.ts), which N POSTs would have set off, but this bulk insert counts as one write.
 */
async function insertSessions(db: Db, count: number): Promise<void> {
  await db.exec(`
    INSERT INTO edfi.session (schoolid, schoolyear, sessionname, begindate, enddate, termdescriptorid, totalinstructionaldays)
    SELECT ${SCHOOL}, ${YEAR}, 'Bench walk ' || lpad(g::text, 7, '0'), DATE '2024-08-19', DATE '2024-12-20',
           (SELECT descriptorid FROM edfi.descriptor WHERE discriminator = 'edfi.TermDescriptor' AND codevalue = 'Fall Semester'), 80
    FROM generate_series(1, ${Math.trunc(count)}) g;
    INSERT INTO edfi.sessiongradingperiod (schoolid, schoolyear, sessionname, gradingperioddescriptorid, gradingperiodname)
    SELECT s.schoolid, s.schoolyear, s.sessionname, gp.gradingperioddescriptorid, gp.gradingperiodname
    FROM edfi.session s
    CROSS JOIN (SELECT gradingperioddescriptorid, gradingperiodname FROM edfi.gradingperiod
                WHERE schoolid = ${SCHOOL} AND schoolyear = ${YEAR} ORDER BY gradingperiodname LIMIT 1) gp
    WHERE s.sessionname LIKE 'Bench walk %';
    INSERT INTO edfi.sessionacademicweek (schoolid, schoolyear, sessionname, weekidentifier)
    SELECT s.schoolid, s.schoolyear, s.sessionname, aw.weekidentifier
    FROM edfi.session s
    CROSS JOIN (SELECT weekidentifier FROM edfi.academicweek WHERE schoolid = ${SCHOOL} ORDER BY weekidentifier LIMIT 1) aw
    WHERE s.sessionname LIKE 'Bench walk %';
    ANALYZE;`);
}

export async function startSeededHost(count: number): Promise<SeededHost> {
  const db = await openDatabase();
  try {
    await insertSessions(db, count);
    const stored = Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM edfi.session')).rows[0]?.n ?? 0);
    const clients = new ClientRegistry(1800);
    const ctx: HostContext = { db, settings: { changeQueries: true, snapshot: false, tokenLifetimeSeconds: 1800 }, seams: seamsFor(undefined), rootUrl: '' };
    const route = createDispatcher({ clients, tokens: new TokenStore() });
    const server = new HostServer({ port: 0, hostname: '127.0.0.1', quiet: true, dispatch: (req) => route(req, ctx) });
    const address = await server.listen();
    ctx.rootUrl = `http://127.0.0.1:${address.port}`;
    return {
      baseUrl: ctx.rootUrl,
      full: clients.credentials().full,
      sessions: stored,
      forgetReads: () => {
        if (!(db instanceof PgliteDb)) throw new Error('the seeded host runs on PGlite, which it did not get');
        db.cache.clear();
      },
      stop: async () => {
        await server.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}
