// A fault is one realistic vendor bug the reference host can be given on purpose, so the suite can
// prove each of its checks is able to fail. Faults act only through the request/response hooks
// around dispatch or through named seams (./seams.ts); handlers never test a fault id.
import type { HostRequest, HostResponse } from '../http/types.js';
import type { HostSeams } from './seams.js';

export interface Fault {
  /** PascalCase, names the bug: 'EtagUnquoted'. */
  id: string;
  /** One line: what the broken host does. */
  description: string;
  /** The real-world bug it models (one sentence). */
  models: string;
  /** Requirement ids (src/requirements catalogue) whose checks must catch it. */
  violates: string[];
  /** Rewrites the request before routing, or answers it directly. */
  onRequest?(req: HostRequest): HostRequest | HostResponse;
  /** Rewrites the response after the handler. */
  onResponse?(req: HostRequest, res: HostResponse): HostResponse | Promise<HostResponse>;
  /** Seam flags the fault flips. */
  seams?: Partial<HostSeams>;
}
