// Opens the host's database: embedded PGlite (default) or a PostgreSQL server (databaseUrl).
// Either way the schema is applied fresh and seeded, so every host starts from the same state.
import { readFile } from 'node:fs/promises';
import type { Db } from './db.js';
import { PgliteDb, createPglite } from './pglite-db.js';
import { PgPoolDb } from './pg-db.js';
import { seedDatabase, seedSql } from './seed.js';
import { imageCacheEnabled, imageCachePath, readImage, writeImage } from './image-cache.js';

const schemaUrl = new URL('./schema.sql', import.meta.url);

let schemaText: Promise<string> | undefined;
function schemaSql(): Promise<string> {
  schemaText ??= readFile(schemaUrl, 'utf8');
  return schemaText;
}

/**
 * A seeded PGlite data directory, built once per process (or loaded from the on-disk cache,
 * image-cache.ts). A cold PGlite start (initdb inside WASM) costs about 3 s; loading this image
 * costs about 0.5 s, so every later host starts from it.
 */
let seededImage: Promise<Blob | File> | undefined;

async function openFromImage(image: Blob | File): Promise<PgliteDb> {
  return new PgliteDb(await createPglite(image));
}

async function openEmbedded(): Promise<PgliteDb> {
  if (seededImage) return openFromImage(await seededImage);
  let resolveImage!: (image: Blob | File) => void;
  let rejectImage!: (error: unknown) => void;
  seededImage = new Promise((resolve, reject) => {
    resolveImage = resolve;
    rejectImage = reject;
  });
  seededImage.catch(() => undefined); // observed by later callers; never an unhandled rejection
  try {
    const schema = await schemaSql();
    const cacheFile = imageCacheEnabled() ? imageCachePath(schema, seedSql()) : undefined;
    const stored = cacheFile ? await readImage(cacheFile) : undefined;
    if (stored) {
      try {
        const db = await openFromImage(stored);
        resolveImage(stored);
        return db;
      } catch {
        // A damaged cache file: fall through to a cold start, which rewrites it.
      }
    }
    const db = new PgliteDb(await createPglite());
    await db.exec(schema);
    await seedDatabase(db);
    const image = await db.dump();
    resolveImage(image);
    if (cacheFile) await writeImage(cacheFile, image);
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
