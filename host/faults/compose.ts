// Several faults on one host ("vendor personas"): request hooks run in the order the faults are
// given, response hooks in reverse order, like middleware, and a fault that answers a request
// itself hands its answer back through the response hooks of the faults before it. Seams are
// merged. Two faults that set one seam to different values, or that declare each other
// incompatible, are refused: the composed host would not show both deviations.
import type { HostRequest, HostResponse } from '../http/types.js';
import type { HostSeams } from './seams.js';
import type { Fault, FaultHooks } from './types.js';

export class FaultCompositionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultCompositionError';
  }
}

export type BoundDispatch = (req: HostRequest) => Promise<HostResponse>;

export interface ComposedFaults {
  ids: string[];
  /** The seams the faults flip, merged (faithful values are filled in by the caller). */
  seams: Partial<HostSeams>;
  /** dispatch wrapped in every fault's hooks; each call makes fresh per-host fault state. */
  wrap(dispatch: BoundDispatch): BoundDispatch;
}

function isResponse(value: HostRequest | HostResponse): value is HostResponse {
  return 'status' in value;
}

function mergeSeams(faults: readonly Fault[]): Partial<HostSeams> {
  const merged: Partial<Record<keyof HostSeams, boolean>> = {};
  const setBy: Partial<Record<keyof HostSeams, string>> = {};
  for (const fault of faults) {
    for (const [name, value] of Object.entries(fault.seams ?? {}) as [keyof HostSeams, boolean][]) {
      if (merged[name] !== undefined && merged[name] !== value) {
        throw new FaultCompositionError(`Faults '${setBy[name]}' and '${fault.id}' set the seam '${name}' to different values; give only one of them.`);
      }
      merged[name] = value;
      setBy[name] = fault.id;
    }
  }
  return merged;
}

function refuseConflicts(faults: readonly Fault[]): void {
  const ids = faults.map((f) => f.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new FaultCompositionError(`Fault '${twice}' is given twice.`);
  for (const fault of faults) {
    const clash = (fault.incompatibleWith ?? []).find((other) => ids.includes(other));
    if (clash) throw new FaultCompositionError(`Faults '${fault.id}' and '${clash}' are incompatible (one would hide the other); give only one of them.`);
  }
}

function layer(fault: Fault, inner: BoundDispatch): BoundDispatch {
  const hooks: FaultHooks = fault.perHost ? fault.perHost({ inner }) : fault;
  if (!hooks.onRequest && !hooks.onResponse) return inner;
  return async (req) => {
    const before = hooks.onRequest ? await hooks.onRequest(req) : req;
    if (isResponse(before)) return before;
    const res = await inner(before);
    return hooks.onResponse ? hooks.onResponse(before, res) : res;
  };
}

export function composeFaults(faults: readonly Fault[]): ComposedFaults {
  refuseConflicts(faults);
  const seams = mergeSeams(faults);
  return {
    ids: faults.map((f) => f.id),
    seams,
    // Built from the innermost fault outwards, so the first fault given sees the request first.
    wrap: (dispatch) => faults.reduceRight<BoundDispatch>((inner, fault) => layer(fault, inner), dispatch),
  };
}
