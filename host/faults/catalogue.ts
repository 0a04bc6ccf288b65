// The fault catalogue: one explicit list, family by family (files in ./families/).
import type { Fault } from './types.js';

export const faults: Fault[] = [];

export function findFault(id: string): Fault | undefined {
  return faults.find((fault) => fault.id === id);
}
