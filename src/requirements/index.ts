// The requirement catalogue as the harness sees it: every record from catalogue/*.ts, indexed by id.
// A duplicate id is an error at load time; an unknown id names the closest known one.
import { DuplicateRequirementError, UnknownRequirementError } from '../errors.js';
import { catalogue } from './catalogue/index.js';
import type { Requirement } from './types.js';

export type { Requirement, Level, Area, OperationName, Profile } from './types.js';

let index: Map<string, Requirement> | undefined;

function build(records: readonly Requirement[]): Map<string, Requirement> {
  const map = new Map<string, Requirement>();
  for (const r of records) {
    if (map.has(r.id)) throw new DuplicateRequirementError(r.id);
    map.set(r.id, r);
  }
  return map;
}

export function allRequirements(): Requirement[] {
  index ??= build(catalogue);
  return [...index.values()];
}

export function requirementById(id: string): Requirement {
  index ??= build(catalogue);
  const found = index.get(id);
  if (found) return found;
  throw new UnknownRequirementError(id, closest(id, [...index.keys()]));
}

/** The known id with the smallest edit distance, when it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
