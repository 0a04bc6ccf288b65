// Point-in-time copies for `Use-Snapshot: true` reads (CONTRACT.md §5 "Snapshots"). ODS reads a
// separately configured snapshot database; the host makes one from its live database at start.
import type { Db } from '../db/db.js';
import { PgliteDb, createPglite } from '../db/pglite-db.js';

export class SnapshotUnsupportedError extends Error {
  constructor() {
    super('Snapshots need the embedded (PGlite) database; a PostgreSQL server target cannot be copied in-process.');
    this.name = 'SnapshotUnsupportedError';
  }
}

const CHANGE_VERSION_SEQUENCE = 'changes.changeversionsequence';

/**
 * A copy of the database as of now. Later writes to `db` are not seen by the copy (and writes to
 * the copy are never made: snapshot requests are read-only). Costs about half a second on PGlite.
 */
export async function takeSnapshot(db: Db): Promise<Db> {
  if (!(db instanceof PgliteDb)) throw new SnapshotUnsupportedError();
  const sequence = await db.query<{ last_value: number; is_called: boolean }>(
    `SELECT last_value, is_called FROM ${CHANGE_VERSION_SEQUENCE}`,
  );
  const image = await db.dump();
  const copy = new PgliteDb(await createPglite(image));
  // A restored data directory replays the sequence from its WAL record, which PostgreSQL logs up
  // to 32 values ahead; availableChangeVersions on the snapshot must report the live value as it
  // was. A write between the read above and the dump is covered by the stored versions (of
  // every tracked table: sessions and course offerings).
  const state = sequence.rows[0];
  if (state) {
    await copy.query(
      `SELECT setval('${CHANGE_VERSION_SEQUENCE}',
         greatest($1::bigint, (SELECT coalesce(max(changeversion), 0) FROM edfi.session),
                  (SELECT coalesce(max(changeversion), 0) FROM tracked_changes_edfi.session),
                  (SELECT coalesce(max(changeversion), 0) FROM edfi.courseoffering),
                  (SELECT coalesce(max(changeversion), 0) FROM tracked_changes_edfi.courseoffering)),
         $2::boolean)`,
      [String(state.last_value), state.is_called],
    );
  }
  return copy;
}
