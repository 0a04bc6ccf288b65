// Per-check seeds derived from the run seed, so one check's payloads do not depend on which other
// checks ran before it (a --grep replay regenerates the same data).
import { createHash, randomBytes } from 'node:crypto';

/** A 31-bit non-negative integer from the parts. */
export function deriveSeed(...parts: Array<string | number>): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return digest.readUInt32BE(0) & 0x7fffffff;
}

export function randomSeed(): number {
  return randomBytes(4).readUInt32BE(0) & 0x7fffffff;
}

/** <= 8 chars, lower-case letters and digits, unique per run: marks every created sessionName. */
export function makeRunTag(): string {
  return `c${randomBytes(4).toString('hex').slice(0, 6)}`;
}
