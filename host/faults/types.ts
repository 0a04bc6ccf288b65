// A fault is one realistic vendor bug the reference host can be given on purpose, so the suite can
// prove each of its checks is able to fail. Faults act only through the request/response hooks
// around dispatch or through named seams (./seams.ts); handlers never test a fault id. Several
// faults can be given to one host at once (./compose.ts): a "vendor persona".
import type { HostRequest, HostResponse } from '../http/types.js';
import type { HostSeams } from './seams.js';

export interface FaultHooks {
  /** Rewrites the request before routing, or answers it directly. */
  onRequest?(req: HostRequest): HostRequest | HostResponse | Promise<HostRequest | HostResponse>;
  /** Rewrites the response after the handler. */
  onResponse?(req: HostRequest, res: HostResponse): HostResponse | Promise<HostResponse>;
}

/** What a fault's per-host hooks may use: the dispatch beneath it (inner faults and the host). */
export interface FaultScope {
  inner(req: HostRequest): Promise<HostResponse>;
}

export interface Fault extends FaultHooks {
  /** PascalCase, names the bug: 'EtagUnquoted'. */
  id: string;
  /** One line: what the broken host does. */
  description: string;
  /** The real-world bug it models (one sentence). */
  models: string;
  /** Requirement ids (src/requirements catalogue) whose checks must catch it. */
  violates: string[];
  /** Seam flags the fault flips. */
  seams?: Partial<HostSeams>;
  /**
   * Fresh hooks for each host the fault is given to, for faults that keep state across requests
   * (issued tokens, recently deleted items) or need to send a request of their own. Used instead
   * of onRequest/onResponse when present.
   */
  perHost?(scope: FaultScope): FaultHooks;
  /** Faults that cannot be given to the same host: one would hide the other's deviation. */
  incompatibleWith?: string[];
}
