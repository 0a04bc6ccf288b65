// The ETag arithmetic (CONTRACT.md §3) without a server: the documented example, the round trip
// through If-Match parsing, and the three If-Match outcomes ODS distinguishes.
import { describe, expect, it } from 'vitest';
import { etagFromTimestamp, etagTicks, parseIfMatch, timestampTextToMicros } from '../../host/http/etag.js';
import { formatResourceId, parseResourceId } from '../../host/http/resource-id.js';

describe('ETag value', () => {
  it('matches the documented example: 2024-12-03T15:00:00.123456Z → 5250374366428622464', () => {
    expect(etagFromTimestamp('2024-12-03 15:00:00.123456')).toBe('5250374366428622464');
  });

  it('keeps microseconds: one microsecond later is ten ticks more', () => {
    const a = BigInt(etagFromTimestamp('2024-12-03 15:00:00.123456'));
    const b = BigInt(etagFromTimestamp('2024-12-03 15:00:00.123457'));
    expect(b - a).toBe(10n);
  });

  it('reads short fractions as PostgreSQL prints them', () => {
    expect(timestampTextToMicros('2024-12-03 15:00:00.1')).toBe(timestampTextToMicros('2024-12-03 15:00:00.100000'));
    expect(timestampTextToMicros('2024-12-03 15:00:00')).toBe(BigInt(Date.parse('2024-12-03T15:00:00Z')) * 1000n);
  });
});

describe('parseIfMatch', () => {
  it('round-trips quoted and bare ETags to the same ticks', () => {
    const etag = etagFromTimestamp('2024-12-03 15:00:00.123456');
    const quoted = parseIfMatch(`"${etag}"`);
    const bare = parseIfMatch(etag);
    expect(quoted).toEqual({ kind: 'ticks', ticks: etagTicks(etag) });
    expect(bare).toEqual(quoted);
  });

  it.each(['*', 'InvalidETAG', '"abc"', '', '1.5', '99999999999999999999'])('calls %j unparseable (412)', (value) => {
    expect(parseIfMatch(value).kind).toBe('unparseable');
  });

  it('calls a number beyond DateTime.MaxValue ticks an invalid DateTime (400)', () => {
    expect(parseIfMatch('4611686018427387903').kind).toBe('invalid-datetime');
  });

  it('reports an absent header as absent', () => {
    expect(parseIfMatch(undefined)).toEqual({ kind: 'absent' });
  });
});

describe('resource ids', () => {
  it('accepts N, D and B GUID forms in any case and renders 32 lowercase hex', () => {
    const n = '6bd5c5e2a3c64f8f8c4f0f6e9b8a7d21';
    const dashed = '6BD5C5E2-A3C6-4F8F-8C4F-0F6E9B8A7D21';
    expect(parseResourceId(n)).toBe('6bd5c5e2-a3c6-4f8f-8c4f-0f6e9b8a7d21');
    expect(parseResourceId(dashed)).toBe(parseResourceId(n));
    expect(parseResourceId(`{${dashed}}`)).toBe(parseResourceId(n));
    expect(formatResourceId(parseResourceId(dashed)!)).toBe(n);
  });

  it.each(['abc', '', 'g'.repeat(32), '1'.repeat(31), '6bd5c5e2-a3c6-4f8f-8c4f-0f6e9b8a7d2'])('refuses %j', (value) => {
    expect(parseResourceId(value)).toBeUndefined();
  });
});
