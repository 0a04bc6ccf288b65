// Scalar conversions with Newtonsoft's leniency where ODS shows it (numeric strings become
// integers, numbers become strings) and strictness elsewhere (fractions, booleans, objects).
// Each returns the value or an error message for the JSONPath.

export type Converted<T> = { ok: true; value: T } | { ok: false; message: string };

export function toInteger(raw: unknown, prop: string, min: number, max: number): Converted<number> {
  let value: number | undefined;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string' && /^\s*[-+]?\d+\s*$/.test(raw)) value = Number(raw.trim());
  if (value === undefined || !Number.isFinite(value) || !Number.isInteger(value)) {
    return { ok: false, message: `${prop} must be an integer.` };
  }
  if (value < min || value > max) return { ok: false, message: `${prop} must be between ${min} and ${max}.` };
  return { ok: true, value };
}

export function toText(raw: unknown, prop: string): Converted<string> {
  // PostgreSQL text cannot hold U+0000; refuse it here instead of failing in the database.
  if (typeof raw === 'string' && raw.includes('\u0000')) return { ok: false, message: `${prop} contains a NUL character, which cannot be stored.` };
  if (typeof raw === 'string') return { ok: true, value: raw };
  if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: String(raw) };
  if (typeof raw === 'boolean') return { ok: true, value: raw ? 'True' : 'False' };
  return { ok: false, message: `${prop} must be a string.` };
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** 'yyyy-MM-dd' from 'yyyy-MM-dd' or the US form 'M/d/yyyy' (both bind in ODS); real dates only. */
export function toDate(raw: unknown, prop: string): Converted<string> {
  const invalid = { ok: false as const, message: `${prop} must be a valid date (yyyy-MM-dd).` };
  if (typeof raw !== 'string') return invalid;
  const text = raw.trim();
  let parts: [number, number, number] | undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) parts = [Number(us[3]), Number(us[1]), Number(us[2])];
  if (!parts || !isRealDate(...parts)) return invalid;
  return { ok: true, value: `${pad(parts[0], 4)}-${pad(parts[1], 2)}-${pad(parts[2], 2)}` };
}
