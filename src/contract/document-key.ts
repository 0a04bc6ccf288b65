// A saved document's identity by content: the probe saves each run's copy of the target's OpenAPI
// document in that run's own directory, so runs that share a spec worker (a batch, src/cli/batch.ts)
// hold one document under several paths. Validators and contracts built from a document are kept
// by this key, so identical documents are compiled once per worker, not once per run.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const keys = new Map<string, string>();

/** The content hash of the file at `path` (read once per path), or the path itself when it cannot be read. */
export function documentKey(path: string): string {
  let key = keys.get(path);
  if (key === undefined) {
    try {
      key = createHash('sha256').update(readFileSync(path)).digest('hex');
    } catch {
      key = path;
    }
    keys.set(path, key);
  }
  return key;
}
