// Paging header helpers (CONTRACT.md §4): read, never assume.
import type { Exchange } from '../http/exchange.js';
import { ensure } from './fail.js';

/** The Next-Page-Token header, or undefined. */
export function nextPageToken(ex: Exchange): string | undefined {
  return ex.headers['next-page-token'];
}

/** The Total-Count header as a number; fails the check when it is present but not a count. */
export function totalCount(ex: Exchange): number | undefined {
  const raw = ex.headers['total-count'];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  ensure(Number.isInteger(n) && n >= 0, 'Total-Count should be a non-negative integer', { expected: 'integer >= 0', observed: raw }, ex);
  return n;
}
