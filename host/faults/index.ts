// Fault plumbing: find faults by id and compose them around dispatch (./compose.ts). Handlers
// never see a fault id; they only read the seams (seams.ts).
import { faults, findFault as lookupFault } from './catalogue.js';
import { composeFaults, type ComposedFaults } from './compose.js';
import type { Fault } from './types.js';
import { type HostSeams, faithfulSeams } from './seams.js';

export type { Fault } from './types.js';
export { FaultCompositionError, type BoundDispatch, type ComposedFaults } from './compose.js';

export class UnknownFaultError extends Error {
  constructor(readonly faultId: string) {
    const known = faults.map((f) => f.id).join(', ') || '(none)';
    super(`Unknown fault '${faultId}'. Known faults: ${known}.`);
    this.name = 'UnknownFaultError';
  }
}

export function requireFault(id: string): Fault {
  const fault = lookupFault(id);
  if (!fault) throw new UnknownFaultError(id);
  return fault;
}

/** The faults named by these ids, composed; throws UnknownFaultError or FaultCompositionError. */
export function requireFaults(ids: readonly string[]): ComposedFaults {
  return composeFaults(ids.map(requireFault));
}

export function seamsFor(composed: Pick<ComposedFaults, 'seams'> | undefined): HostSeams {
  return { ...faithfulSeams(), ...(composed?.seams ?? {}) };
}
