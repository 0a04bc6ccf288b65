// Opens the host's database: embedded PGlite (default) or a PostgreSQL server (databaseUrl).
// Either way the schema is applied fresh and seeded, so every host starts from the same state.
import { readFile } from 'node:fs/promises';
import type { Db } from './db.js';
import { PgliteDb, createPglite } from './pglite-db.js';
import { PgPoolDb } from './pg-db.js';
import { seedDatabase } from './seed.js';

const schemaUrl = new URL('./schema.sql', import.meta.url);

let schemaText: Promise<string> | undefined;
function schemaSql(): Promise<string> {
  schemaText ??= readFile(schemaUrl, 'utf8');
  return schemaText;
}

/**
 * A seeded PGlite data directory, built once per process. A cold PGlite start (initdb inside
 * WASM) costs about 3 s; loading this image costs about 0.5 s, so later hosts start from it.
 */
let seededImage: Promise<Blob | File> | undefined;

async function openEmbedded(): Promise<PgliteDb> {
  if (seededImage) {
    const image = await seededImage;
    return new PgliteDb(await createPglite(image));
  }
  let resolveImage!: (image: Blob | File) => void;
  let rejectImage!: (error: unknown) => void;
  seededImage = new Promise((resolve, reject) => {
    resolveImage = resolve;
    rejectImage = reject;
  });
  try {
    const db = new PgliteDb(await createPglite());
    await db.exec(await schemaSql());
    await seedDatabase(db);
    resolveImage(await db.dump());
    return db;
  } catch (error) {
    rejectImage(error);
    seededImage = undefined;
    throw error;
  }
}

/** Schemas owned by the host. On a server they are DROPPED and recreated at every start. */
export const HOST_SCHEMAS = ['edfi', 'changes', 'tracked_changes_edfi'] as const;

async function openServer(databaseUrl: string): Promise<PgPoolDb> {
  const db = new PgPoolDb(databaseUrl);
  try {
    await db.exec(HOST_SCHEMAS.map((name) => `DROP SCHEMA IF EXISTS ${name} CASCADE;`).join('\n'));
    await db.exec(await schemaSql());
    await seedDatabase(db);
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

export interface OpenDatabaseOptions {
  /** postgres://… — WARNING: the schemas in HOST_SCHEMAS are wiped and recreated. */
  databaseUrl?: string;
}

export function openDatabase(options: OpenDatabaseOptions = {}): Promise<Db> {
  return options.databaseUrl ? openServer(options.databaseUrl) : openEmbedded();
}
