// Fault plumbing: find a fault by id and wrap dispatch with its hooks. Handlers never see a fault
// id; they only read the seams (seams.ts).
import type { HostContext, HostRequest, HostResponse } from '../http/types.js';
import { faults, findFault as lookupFault } from './catalogue.js';
import type { Fault } from './types.js';
import { type HostSeams, faithfulSeams } from './seams.js';

export type { Fault } from './types.js';

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

export function seamsFor(fault: Fault | undefined): HostSeams {
  return { ...faithfulSeams(), ...(fault?.seams ?? {}) };
}

function isResponse(value: HostRequest | HostResponse): value is HostResponse {
  return 'status' in value;
}

export type Dispatch = (req: HostRequest, ctx: HostContext) => Promise<HostResponse>;

/** dispatch itself when there is no fault; otherwise dispatch wrapped in the fault's hooks. */
export function withFault(dispatch: Dispatch, fault: Fault | undefined): Dispatch {
  if (!fault || (!fault.onRequest && !fault.onResponse)) return dispatch;
  return async (req, ctx) => {
    const before = fault.onRequest ? fault.onRequest(req) : req;
    if (isResponse(before)) return before;
    const res = await dispatch(before, ctx);
    return fault.onResponse ? fault.onResponse(before, res) : res;
  };
}
