// limit/offset/totalCount and equality filters for the dependency resources' GET-many (the same
// bounds and messages as sessions, CONTRACT.md §4).
import { parameterValidationFailed } from '../../http/problems.js';
import type { HostRequest, HostResponse } from '../../http/types.js';

export const DEFAULT_LIMIT = 500;
export const MAX_LIMIT = 500;

export interface ListParams {
  limit: number;
  offset: number;
  totalCount: boolean;
}

function queryValue(query: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of query) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

export function readListParams(req: HostRequest): ListParams | HostResponse {
  const errors: string[] = [];
  const limitText = queryValue(req.query, 'limit');
  const offsetText = queryValue(req.query, 'offset');
  const limit = limitText === undefined ? DEFAULT_LIMIT : Number(limitText);
  const offset = offsetText === undefined ? 0 : Number(offsetText);
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) errors.push(`Limit must be a value between 0 and ${MAX_LIMIT}.`);
  if (!Number.isInteger(offset) || offset < 0) errors.push('Offset cannot be a negative value.');
  if (errors.length > 0) return parameterValidationFailed(req.correlationId, 'The request construction was invalid.', errors);
  return { limit, offset, totalCount: queryValue(req.query, 'totalCount')?.toLowerCase() === 'true' };
}

export interface FilterSpec {
  /** Query parameter name (matched case-insensitively). */
  param: string;
  /** SQL expression compared for equality. */
  column: string;
  type: 'integer' | 'text';
}

/** WHERE conditions for the filters present in the query; params are appended. */
export function filterConditions(req: HostRequest, filters: FilterSpec[], params: unknown[]): string[] | HostResponse {
  const conditions: string[] = [];
  for (const filter of filters) {
    const raw = queryValue(req.query, filter.param);
    if (raw === undefined) continue;
    if (filter.type === 'integer' && !/^-?\d{1,18}$/.test(raw.trim())) {
      return parameterValidationFailed(req.correlationId, 'The request construction was invalid.', [`The value '${raw}' is not valid for ${filter.param}.`]);
    }
    if (filter.type === 'text' && raw.includes('\u0000')) {
      conditions.push('FALSE'); // no stored text can contain NUL
      continue;
    }
    // Integers compare as numeric so an out-of-range value (schoolYear=999999) simply matches nothing.
    params.push(filter.type === 'integer' ? raw.trim() : raw);
    conditions.push(filter.type === 'integer' ? `(${filter.column})::numeric = $${params.length}::numeric` : `${filter.column} = $${params.length}`);
  }
  return conditions;
}
