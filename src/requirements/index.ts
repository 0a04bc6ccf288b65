// The requirement catalogue as the harness sees it: every record from catalogue/*.ts, indexed by id.
// A duplicate id is an error at load time; an unknown id names the closest known one.
import { DuplicateRequirementError, UnknownRequirementError } from '../errors.js';
import { catalogue } from './catalogue/index.js';
import type { Requirement } from './types.js';
import { closest } from './closest.js';

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

export { closest } from './closest.js';
