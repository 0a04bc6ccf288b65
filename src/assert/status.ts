// Status assertions. Every call records the (operation, status) pair it elicited so the matrix can
// show which documented pair each check reached and what the target answered.
import type { Exchange } from '../http/exchange.js';
import { recordElicited } from '../runtime/check-state.js';
import { excerpt } from '../report/redact.js';
import { checkFailure } from './fail.js';

export function expectStatus(ex: Exchange, expected: number | readonly number[], note?: string): void {
  const allowed = typeof expected === 'number' ? [expected] : [...expected];
  const ok = allowed.includes(ex.status);
  if (ex.operation) {
    recordElicited({ operation: ex.operation, status: ok ? ex.status : allowed[0]!, observedStatus: ex.status });
  }
  if (!ok) {
    const label = ex.operation ?? `${ex.request.method} ${ex.request.url}`;
    throw checkFailure(
      `${label} should answer ${allowed.join(' or ')}${note ? ` (${note})` : ''}`,
      { expected: allowed.join(' | '), observed: `${ex.status} ${summariseBody(ex)}`.trim() },
      ex,
    );
  }
}

export function expectNoBody(ex: Exchange): void {
  if (ex.text.length > 0) {
    throw checkFailure(`a ${ex.status} answer should have no body`, { expected: 'empty body', observed: ex.text }, ex);
  }
}

/**
 * The start of a response body for a failure message. Redacted before it is cut: cutting first
 * split a token response's closing quote off, and the token member could no longer be recognised.
 */
export function summariseBody(ex: Exchange): string {
  if (!ex.text) return '';
  return excerpt(ex.text, 300, () => '…');
}
