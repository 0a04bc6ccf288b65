// The sessions operations and the request → operation classifier, as the rest of the suite has
// always used them; both now read the contract (src/contract/contract.ts) instead of a fixed list
// and a sessions regex.
import type { OperationName } from './contract.js';
import { ods73Contract } from './contract-sources.js';

export type { OperationName };

/** Path of the sessions resource below the data API root ({root}/data/v3). */
export const SESSIONS = '/ed-fi/sessions';
export const COURSE_OFFERINGS = '/ed-fi/courseOfferings';

/** The documented operations of sessions, by name (the committed 7.3 contract). */
export const OPERATION_NAMES: readonly OperationName[] = ods73Contract()
  .forResource(SESSIONS)
  .map((o) => o.name)
  .sort();

/** The operation a request is for under the committed contract; undefined when it documents none. */
export function classifyOperation(method: string, url: string): OperationName | undefined {
  return ods73Contract().classify(method, url)?.name;
}
