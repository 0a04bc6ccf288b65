// ETag = LastModifiedDate.ToUniversalTime().ToBinary() as a decimal string (CONTRACT.md §3):
// .NET ticks (100 ns since 0001-01-01) OR'd with the UTC kind bit 0x4000000000000000.
// The database keeps microseconds; we read timestamps as ISO text to keep them.

const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;
const UTC_KIND_FLAG = 0x4000_0000_0000_0000n;
const TICKS_MASK = 0x3fff_ffff_ffff_ffffn;
const MAX_DATETIME_TICKS = 3_155_378_975_999_999_999n;

/** Microseconds since the Unix epoch from a PostgreSQL timestamp text ('2024-12-03 15:00:00.123456'). */
export function timestampTextToMicros(text: string): bigint {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?/.exec(text);
  if (!match) throw new Error(`Unexpected timestamp text: ${text}`);
  const wholeSeconds = Date.parse(`${match[1]}T${match[2]}Z`);
  const fraction = (match[3] ?? '').padEnd(6, '0');
  return BigInt(wholeSeconds) * 1000n + BigInt(fraction);
}

export function microsToTicks(micros: bigint): bigint {
  return micros * 10n + TICKS_AT_UNIX_EPOCH;
}

/** The unquoted ETag value for a stored lastmodifieddate. */
export function etagFromTimestamp(text: string): string {
  return (microsToTicks(timestampTextToMicros(text)) | UTC_KIND_FLAG).toString();
}

export function quoteEtag(value: string): string {
  return `"${value}"`;
}

export type IfMatchOutcome =
  | { kind: 'absent' }
  /** Ticks to compare with the stored LastModifiedDate. */
  | { kind: 'ticks'; ticks: bigint }
  /** Not a number at all ('*', 'InvalidETAG'): ODS answers 412. */
  | { kind: 'unparseable' }
  /** A number that is not a valid DateTime binary: ODS answers 400. */
  | { kind: 'invalid-datetime' };

export function parseIfMatch(header: string | undefined): IfMatchOutcome {
  if (header === undefined) return { kind: 'absent' };
  const value = header.replace(/^"+|"+$/g, '');
  if (!/^-?\d{1,19}$/.test(value)) return { kind: 'unparseable' };
  const signed = BigInt(value);
  if (signed > 0x7fff_ffff_ffff_ffffn || signed < -0x8000_0000_0000_0000n) return { kind: 'unparseable' };
  const bits = BigInt.asUintN(64, signed);
  const ticks = bits & TICKS_MASK;
  if (ticks > MAX_DATETIME_TICKS) return { kind: 'invalid-datetime' };
  return { kind: 'ticks', ticks };
}

export function etagTicks(etag: string): bigint {
  return BigInt(etag) & TICKS_MASK;
}
