// A seeded PGlite data directory kept on disk between processes. Test runners isolate each file
// in its own process, so an in-memory cache alone would pay the cold start (initdb in WASM,
// ~3 s or far more on a busy machine) once per file; loading a stored image takes ~0.6 s.
// The file name carries a hash of everything that shapes the image (schema, seed SQL, PGlite
// version), so a changed schema never loads a stale image. EDFI_HOST_IMAGE_CACHE=off disables it;
// EDFI_HOST_IMAGE_DIR moves it (default: the OS temp directory). The image holds no secrets.
import { createHash } from 'node:crypto';
import { readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

function pgliteVersion(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require('@electric-sql/pglite/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function imageCacheEnabled(): boolean {
  return (process.env.EDFI_HOST_IMAGE_CACHE ?? '').toLowerCase() !== 'off';
}

export function imageCachePath(schemaSql: string, seedSql: string): string {
  const hash = createHash('sha256').update(pgliteVersion()).update('\0').update(schemaSql).update('\0').update(seedSql).digest('hex').slice(0, 16);
  return path.join(process.env.EDFI_HOST_IMAGE_DIR || os.tmpdir(), `edfi-host-image-${hash}.tar`);
}

export async function readImage(file: string): Promise<Blob | undefined> {
  try {
    return new Blob([await readFile(file)]);
  } catch {
    return undefined;
  }
}

/** Images of older schemas or seeds (other hashes) are never read again: remove them. */
async function removeStaleImages(current: string): Promise<void> {
  const dir = path.dirname(current);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    if (/^edfi-host-image-[0-9a-f]{16}\.tar$/.test(name) && name !== path.basename(current)) {
      await unlink(path.join(dir, name)).catch(() => undefined);
    }
  }
}

/** Written to a temporary name and renamed, so a concurrent reader never sees half a file. */
export async function writeImage(file: string, image: Blob): Promise<void> {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, Buffer.from(await image.arrayBuffer()));
    await rename(temporary, file);
    await removeStaleImages(file);
  } catch {
    await unlink(temporary).catch(() => undefined);
    // A cache that cannot be written only costs speed.
  }
}
