// The paging rules of GET-many (CONTRACT.md §4): limit/offset, or cursor paging with
// pageToken/pageSize, never both. Returns either the chosen mode or the error messages ODS
// collects (all reported together as 400 parameter-validation-failed).
import { decodePageToken, type AggregateIdRange } from './page-token.js';
import type { QueryBinder } from './query-binder.js';

export const MAX_PAGE_SIZE = 500;

export type Paging =
  | { mode: 'offset'; limit: number; offset: number; totalCount: boolean }
  | { mode: 'cursor'; range: AggregateIdRange; pageSize: number };

export const PAGING_MESSAGES = {
  limitRange: `Limit must be a value between 0 and ${MAX_PAGE_SIZE}.`,
  offsetNegative: 'Offset cannot be a negative value.',
  pageSizeRange: `PageSize must be a value between 0 and ${MAX_PAGE_SIZE}.`,
  tokenWithOffset:
    'Both offset and pageToken parameters were provided, but they support alternative paging approaches and cannot be used together.',
  limitWithToken: 'Use pageSize instead of limit when using cursor paging with pageToken.',
  pageSizeWithoutToken: 'PageToken is required when pageSize is specified.',
  pageSizeWithOffset: 'Use limit instead of pageSize when using limit/offset paging.',
  invalidToken: 'The page token provided was invalid.',
  totalCountWithToken: 'Total count cannot be determined while using cursor paging (when pageToken is specified).',
} as const;

/** Binds the paging parameters; binding errors stay in binder.errors. */
export function resolvePaging(binder: QueryBinder): { paging: Paging } | { errors: string[] } {
  const offset = binder.int32('offset');
  const limit = binder.int32('limit');
  const pageSize = binder.int32('pageSize');
  const totalCount = binder.bool('totalCount') ?? false;
  const pageToken = binder.raw('pageToken');
  const errors: string[] = [];

  if (pageToken !== undefined) {
    if (binder.has('offset')) errors.push(PAGING_MESSAGES.tokenWithOffset);
    // pageToken + pageSize + limit is accepted and the limit ignored (PM-IT "Limit also specified").
    if (binder.has('limit') && !binder.has('pageSize')) errors.push(PAGING_MESSAGES.limitWithToken);
    if (totalCount) errors.push(PAGING_MESSAGES.totalCountWithToken);
    if (pageSize !== undefined && (pageSize < 0 || pageSize > MAX_PAGE_SIZE)) errors.push(PAGING_MESSAGES.pageSizeRange);
    const range = decodePageToken(pageToken);
    if (!range) errors.push(PAGING_MESSAGES.invalidToken);
    if (errors.length > 0 || !range) return { errors };
    return { paging: { mode: 'cursor', range, pageSize: pageSize ?? MAX_PAGE_SIZE } };
  }

  if (binder.has('pageSize')) {
    errors.push(binder.has('offset') && !binder.has('limit') ? PAGING_MESSAGES.pageSizeWithOffset : PAGING_MESSAGES.pageSizeWithoutToken);
  }
  if (limit !== undefined && (limit < 0 || limit > MAX_PAGE_SIZE)) errors.push(PAGING_MESSAGES.limitRange);
  if (offset !== undefined && offset < 0) errors.push(PAGING_MESSAGES.offsetNegative);
  if (errors.length > 0) return { errors };
  return { paging: { mode: 'offset', limit: limit ?? MAX_PAGE_SIZE, offset: offset ?? 0, totalCount } };
}
