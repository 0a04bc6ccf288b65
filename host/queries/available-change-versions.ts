// GET /changeQueries/v1/availableChangeVersions (CONTRACT.md §5): oldest is always 0 in 7.x;
// newest is the last value drawn from the global change-version sequence (0 before any draw).
import type { Handler } from '../http/types.js';
import { readSource } from './read-source.js';

export const availableChangeVersions: Handler = async (req, ctx) => {
  // ODS answers a plain NotFound() here, with no problem body, when the feature is off.
  if (!ctx.settings.changeQueries) return { status: 404 };
  const source = readSource(req, ctx);
  if ('response' in source) return source.response;
  const { rows } = await source.db.query<{ last_value: number | string; is_called: boolean }>(
    'SELECT last_value, is_called FROM changes.changeversionsequence',
  );
  const row = rows[0];
  const newest = row && row.is_called ? Number(row.last_value) : 0;
  return { status: 200, body: { oldestChangeVersion: 0, newestChangeVersion: newest } };
};
