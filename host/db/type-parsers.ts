// Both engines must hand the host identical JS values, so every query runs unchanged on either.
// We pin the few types whose default parsing differs between PGlite and node-postgres:
// int8 → number (ids and change versions stay far below 2^53), and date/timestamp → the
// server's ISO text ('2024-08-23', '2024-12-03 15:00:00.123456'), which keeps microseconds
// (a JS Date would drop them, and the ETag is built from them).
export const INT8_OID = 20;
export const DATE_OID = 1082;
export const TIMESTAMP_OID = 1114;
export const TIMESTAMPTZ_OID = 1184;

export const textTypeOids = [DATE_OID, TIMESTAMP_OID, TIMESTAMPTZ_OID] as const;

export function parseInt8(value: string): number {
  return Number(value);
}
