// A failure's cause, normalised so that checks broken by one host behaviour group together: the
// same assertion text and the same observed *shape* (ids, numbers, dates,
// ETags and run tags masked). Twenty deviations on a host become twenty causes, not 200 messages.
import type { Cause } from './check-state.js';

const MASKS: Array<[RegExp, string]> = [
  [/\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b/gi, '<id>'],
  [/\b\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?\b/g, '<date>'],
  [/W\/"[^"]*"|"\d{6,}"/g, '<etag>'],
  [/\b\d{3,}\b/g, '<n>'],
  [/\s+/g, ' '],
];

/** The observed value in a comparable form: masked, one line, at most 160 characters. */
export function observedShape(observed: string, literals: readonly string[] = []): string {
  let out = observed;
  // Run-specific words (the run tag inside every created name) first, before numbers are masked.
  // A JSON string holding one is a created name: mask it whole.
  for (const literal of literals) {
    if (!literal) continue;
    const escaped = literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`"[^"]*${escaped}[^"]*"`, 'g'), '"<run>"').split(literal).join('<run>');
  }
  for (const [pattern, mask] of MASKS) out = out.replace(pattern, mask);
  // The status code leads most observations and is the most telling part: keep 3-digit statuses.
  const status = /^(\d{3})(?!\d)/.exec(observed.trim())?.[1];
  if (status) out = out.replace(/^<n>/, status);
  out = out.trim();
  return out.length > 160 ? `${out.slice(0, 160)}…` : out;
}

/**
 * The key is the failed assertion and the observed shape, not the requirement: one host behaviour
 * (a problem body without `errors`, say) that fails checks of forty requirements is one cause.
 */
export function causeOf(requirementId: string, what: string, observed: string, literals: readonly string[] = []): Cause {
  const shape = observedShape(observed, literals);
  return { key: `${what} | ${shape}`, requirementId, what, observed: shape };
}
