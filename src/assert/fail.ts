// Builds the CheckFailedError every assertion throws: the requirement, expected vs observed, the
// redacted curl of the last exchange, and the command that replays just this check.
import { CheckFailedError, type Observation } from '../errors.js';
import type { Exchange } from '../http/exchange.js';
import { toCurl } from '../report/curl.js';
import { excerpt, redactText, redactValue } from '../report/redact.js';
import { currentArrange } from '../runtime/arrange.js';
import { currentCheck } from '../runtime/check-state.js';

const MAX_OBSERVED_CHARS = 600;

/** A value as quoted in a failure: redacted first, then cut (excerpt), so a cut never splits a secret. */
export function render(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return excerpt(text ?? String(value), MAX_OBSERVED_CHARS);
}

export function checkFailure(what: string, facts: Observation, exchange?: Exchange): CheckFailedError {
  const state = currentCheck();
  const arrange = currentArrange();
  const last = exchange ?? state?.exchanges.at(-1);
  // Inside a set-up step the failure speaks for the requirement that step evidences.
  const speaksFor = arrange?.evidences ?? state?.requirement.id;
  const lines = [
    `${speaksFor ? `[${speaksFor}] ` : ''}${what}${arrange ? ` (set-up step: ${arrange.step})` : ''}`,
    `  expected: ${render(facts.expected)}`,
    `  observed: ${render(facts.observed)}`,
  ];
  if (last) lines.push(`  last request: ${last.request.method} ${redactText(last.request.url)} → ${last.status}`, `  curl: ${toCurl(last.request)}`);
  if (state) lines.push(`  replay: ${state.replay}`);
  // The facts travel with the error and reporters serialise them (JUnit's 'Serialized Error'): redacted too.
  const error = new CheckFailedError(redactText(what), redactValue(facts), speaksFor);
  if (arrange) error.arrange = { ...arrange };
  error.message = lines.join('\n');
  error.expected = render(facts.expected);
  error.actual = render(facts.observed);
  return error;
}

/** The general assertion: fail with expected/observed unless the condition holds. */
export function ensure(condition: unknown, message: string, facts: Observation, exchange?: Exchange): asserts condition {
  if (!condition) throw checkFailure(message, facts, exchange);
}
