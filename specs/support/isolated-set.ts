// Isolation for checks that read lists (GET-many, partitions, cursor and offset walks). Other checks
// write in parallel, so a check creates its own sessions, all carrying a (totalInstructionalDays,
// beginDate, endDate) combination derived from the run tag and the check's seed, and filters on it:
// only its own items are counted. Shared here so every list check isolates the same way.
import { createHash } from 'node:crypto';
import { ensure, type CheckContext } from '../../src/index.js';

export type Query = Record<string, string | number | boolean>;
export type Isolation = { schoolId: number; schoolYear: number; totalInstructionalDays: number; beginDate: string; endDate: string };
const DAY = 86_400_000;

/** Filter values only this check's items carry (and the same values as payload overrides). */
export function isolation(t: CheckContext, label = ''): Isolation {
  const h = createHash('sha256').update(`${t.target.runTag}|${t.seed}|${label}`).digest();
  const start = Date.UTC(t.refs.schoolYear - 1, 7, 1) + (h.readUInt16BE(4) % 200) * DAY;
  return {
    schoolId: t.refs.schoolId,
    schoolYear: t.refs.schoolYear,
    totalInstructionalDays: 1_000_000 + (h.readUInt32BE(0) % 2_000_000_000),
    beginDate: new Date(start).toISOString().slice(0, 10),
    endDate: new Date(start + (1 + (h[6]! % 100)) * DAY).toISOString().slice(0, 10),
  };
}

/** Creates n sessions matching the filter (in parallel); with inOrder one after the other, so the ids are in creation order. */
export async function createSet(t: CheckContext, filter: Isolation, n: number, inOrder = false): Promise<string[]> {
  const { totalInstructionalDays, beginDate, endDate } = filter;
  const payloads = Array.from({ length: n }, () => t.gen.build(t.refs, { totalInstructionalDays, beginDate, endDate }));
  if (!inOrder) return (await Promise.all(payloads.map((p) => t.sessions.create(p)))).map((c) => c.id);
  const ids: string[] = [];
  for (const p of payloads) ids.push((await t.sessions.create(p)).id);
  return ids;
}

/** Asserts that a walk returned each item once and exactly the isolated set. */
export function sameSet(actual: string[], expected: string[], what: string): void {
  const dupes = actual.filter((id, i) => actual.indexOf(id) !== i);
  ensure(dupes.length === 0, `${what} should return each item once`, { expected: 'no duplicates', observed: { duplicates: dupes } });
  const missing = expected.filter((id) => !actual.includes(id));
  const extra = actual.filter((id) => !expected.includes(id));
  ensure(missing.length === 0 && extra.length === 0, `${what} should return exactly the isolated set`, { expected, observed: { missing, extra } });
}
