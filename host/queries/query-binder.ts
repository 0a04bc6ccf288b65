// Typed reading of query-string values, the way ASP.NET model binding reads them for ODS:
// names match case-insensitively, an empty value counts as absent, and a value that does not
// convert to the declared type is a binding error. ODS answers binding errors with 400
// data-validation-failed and `validationErrors["$.<name>"] = ["The value 'x' is not valid for <Name>."]`
// (Postman ResponseTests GetByExample_400_Tests: `students?id=invalid`).
import { dataValidationFailed } from '../http/problems.js';
import type { HostResponse } from '../http/types.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const INTEGER = /^\s*[+-]?\d+\s*$/;
const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/;
const GUID_N = /^[0-9a-f]{32}$/i;
const GUID_D = /^\{?([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})\}?$/i;

function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export class QueryBinder {
  readonly errors: Record<string, string[]> = {};
  private readonly values = new Map<string, string>();

  constructor(query: URLSearchParams) {
    // First occurrence wins, as ASP.NET binds a scalar from the first value.
    for (const [name, value] of query) {
      const key = name.toLowerCase();
      if (!this.values.has(key)) this.values.set(key, value);
    }
  }

  /** The raw value, or undefined when absent or empty. */
  raw(name: string): string | undefined {
    const value = this.values.get(name.toLowerCase());
    return value === undefined || value.trim() === '' ? undefined : value;
  }

  has(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  private fail(name: string, value: string): undefined {
    (this.errors[`$.${name}`] ??= []).push(`The value '${value}' is not valid for ${pascal(name)}.`);
    return undefined;
  }

  int32(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!INTEGER.test(value)) return this.fail(name, value);
    const parsed = Number(value.trim());
    return parsed >= INT32_MIN && parsed <= INT32_MAX ? parsed : this.fail(name, value);
  }

  /** int64 values are returned as decimal text (exact), ready for a ::bigint parameter. */
  int64(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!INTEGER.test(value)) return this.fail(name, value);
    const parsed = BigInt(value.trim());
    return parsed >= INT64_MIN && parsed <= INT64_MAX ? parsed.toString() : this.fail(name, value);
  }

  bool(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const lowered = value.trim().toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false') return false;
    return this.fail(name, value);
  }

  /** A calendar date (yyyy-MM-dd) that exists. */
  date(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const match = ISO_DATE.exec(value);
    if (!match) return this.fail(name, value);
    const [, y, m, d] = match;
    const probe = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    const real = probe.getUTCFullYear() === Number(y) && probe.getUTCMonth() === Number(m) - 1 && probe.getUTCDate() === Number(d);
    return real && Number(y) >= 1 ? `${y}-${m}-${d}` : this.fail(name, value);
  }

  /** A GUID in "N" (32 hex) or "D" (dashed) form, returned in the dashed form PostgreSQL parses. */
  guid(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    if (GUID_N.test(trimmed)) {
      const h = trimmed.toLowerCase();
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    const dashed = GUID_D.exec(trimmed);
    return dashed ? dashed.slice(1).join('-').toLowerCase() : this.fail(name, value);
  }

  string(name: string): string | undefined {
    return this.raw(name);
  }

  hasErrors(): boolean {
    return Object.keys(this.errors).length > 0;
  }

  /** The 400 ODS gives when model binding fails. */
  problem(correlationId: string): HostResponse {
    return dataValidationFailed(correlationId, this.errors);
  }
}

export const GET_MANY_PARAMETER_DETAIL = 'The request construction was invalid.';
export const TRACKED_CHANGES_PARAMETER_DETAIL = 'Parameters supplied to the request were invalid.';
export { INT32_MAX, INT32_MIN };
