// Cursor-paging tokens (CONTRACT.md §4): base64url of "{minAggregateId},{maxAggregateId}" with
// no padding. An empty max means int.MaxValue. Ids are the hidden int aggregate ids.
import { INT32_MAX, INT32_MIN } from './query-binder.js';

export interface AggregateIdRange {
  min: number;
  max: number;
}

export function encodePageToken(range: AggregateIdRange): string {
  return Buffer.from(`${range.min},${range.max}`, 'utf8').toString('base64url');
}

const TOKEN_ALPHABET = /^[A-Za-z0-9_-]+={0,2}$/;
const RANGE_TEXT = /^(-?\d+),(-?\d*)$/;

/** The range a token names, or undefined when it is not a token this host issued. */
export function decodePageToken(token: string): AggregateIdRange | undefined {
  if (!TOKEN_ALPHABET.test(token)) return undefined;
  const text = Buffer.from(token.replace(/=+$/, ''), 'base64url').toString('utf8');
  const match = RANGE_TEXT.exec(text);
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === '' ? INT32_MAX : Number(match[2]);
  const inInt = (n: number) => Number.isSafeInteger(n) && n >= INT32_MIN && n <= INT32_MAX;
  return inInt(min) && inInt(max) ? { min, max } : undefined;
}
