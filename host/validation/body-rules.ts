// The member rules every request body shares (CONTRACT.md §2.3 messages): required and optional
// strings and integers, reference objects with their missing-properties message, collections and
// key unification across references. session-body.ts and course-offering-body.ts compose them, so
// both resources word their validation errors the ODS way from one place.
import { isPlainObject, member } from './json-body.js';
import { toDate, toInteger, toText } from './scalars.js';

export class ErrorSink {
  readonly errors: Record<string, string[]> = {};
  add(path: string, message: string): void {
    (this.errors[path] ??= []).push(message);
  }
  get empty(): boolean {
    return Object.keys(this.errors).length === 0;
  }
}

export function pascal(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

export interface StringRule {
  max: number;
  min?: number;
  descriptor?: boolean;
}

/** A required string member: missing, empty, too long/short, or (for descriptors) without '#'. */
export function requiredString(obj: Record<string, unknown>, name: string, path: string, rule: StringRule, sink: ErrorSink): string | undefined {
  const prop = pascal(name);
  const raw = member(obj, name);
  if (raw === undefined || raw === null) {
    sink.add(path, `${prop} is required.`);
    return undefined;
  }
  const text = toText(raw, prop);
  if (!text.ok) {
    sink.add(path, text.message);
    return undefined;
  }
  const value = text.value;
  if (value.trim() === '') {
    sink.add(path, `${prop} is required and should not be left empty.`);
    return undefined;
  }
  if (rule.min !== undefined && (value.length < rule.min || value.length > rule.max)) {
    sink.add(path, `${prop} must be between ${rule.min} and ${rule.max} characters in length.`);
    return undefined;
  }
  if (value.length > rule.max) {
    sink.add(path, `${prop} must be at most ${rule.max} characters in length.`);
    return undefined;
  }
  if (rule.descriptor && !value.includes('#')) {
    sink.add(
      path,
      `${prop} value '${value}' is not a valid value for use as a descriptor (a '#' is expected to delineate the namespace and code value portions).`,
    );
    return undefined;
  }
  return value;
}

export function requiredInteger(obj: Record<string, unknown>, name: string, path: string, range: { min: number; max: number }, sink: ErrorSink): number | undefined {
  const prop = pascal(name);
  const raw = member(obj, name);
  if (raw === undefined || raw === null) {
    sink.add(path, `${prop} is required.`);
    return undefined;
  }
  const converted = toInteger(raw, prop, range.min, range.max);
  if (!converted.ok) {
    sink.add(path, converted.message);
    return undefined;
  }
  return converted.value;
}

export function requiredDate(obj: Record<string, unknown>, name: string, sink: ErrorSink): string | undefined {
  const prop = pascal(name);
  const raw = member(obj, name);
  if (raw === undefined || raw === null || raw === '') {
    sink.add(`$.${name}`, `${prop} is required.`);
    return undefined;
  }
  const converted = toDate(raw, prop);
  if (!converted.ok) {
    sink.add(`$.${name}`, converted.message);
    return undefined;
  }
  return converted.value;
}

/** A reference object: its members, or undefined (with errors recorded). */
export function referenceObject(raw: unknown, name: string, path: string, keys: string[], sink: ErrorSink): Record<string, unknown> | undefined {
  const prop = pascal(name);
  if (raw === undefined || raw === null) {
    sink.add(path, `${prop} is required.`);
    return undefined;
  }
  if (!isPlainObject(raw)) {
    sink.add(path, `${prop} must be an object.`);
    return undefined;
  }
  const missing = keys.filter((key) => {
    const value = member(raw, key);
    return value === undefined || value === null;
  });
  if (missing.length > 0) {
    sink.add(path, `${prop} is missing the following properties: ${missing.map(pascal).join(', ')}`);
    return undefined;
  }
  return raw;
}

export function collection(raw: unknown, name: string, sink: ErrorSink): unknown[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    sink.add(`$.${name}`, `${pascal(name)} must be an array.`);
    return [];
  }
  return raw;
}

/** Key unification: every schoolId/schoolYear in the references must equal the owner's value. */
export function reportUnification(name: 'schoolId' | 'schoolYear', sessionValue: number, refs: Array<{ value: number; path: string }>, sink: ErrorSink): void {
  for (const ref of refs) {
    if (ref.value === sessionValue) continue;
    sink.add(
      ref.path,
      `All values supplied for '${name}' must match. Review all references (including those of any child collections) and align the following conflicting values: '${sessionValue}', '${ref.value}'`,
    );
  }
}

