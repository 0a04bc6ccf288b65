// A curl command that reproduces a request, with secrets masked (each part redacted before it is quoted).
import type { ExchangeRequest } from '../http/exchange.js';
import { redactHeaders, redactText } from './redact.js';

// Headers undici adds on its own; repeating them only adds noise.
const IMPLICIT = new Set(['content-length', 'host', 'connection', 'accept-encoding', 'user-agent']);

/** Bytes as hex, unless they carry a secret: hex would hide it from the redactor, not from the reader. */
export function bytesText(raw: Uint8Array, maxHexChars?: number): string {
  const decoded = Buffer.from(raw).toString('latin1');
  if (redactText(decoded) !== decoded) return 'not shown: they hold a secret';
  const hex = Buffer.from(raw).toString('hex');
  return maxHexChars === undefined ? hex : hex.slice(0, maxHexChars);
}

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function toCurl(request: ExchangeRequest): string {
  const parts = ['curl', '-i', '-X', request.method.toUpperCase()];
  for (const [name, value] of Object.entries(redactHeaders(request.headers))) {
    if (IMPLICIT.has(name.toLowerCase())) continue;
    parts.push('-H', quote(`${name}: ${value}`));
  }
  if (typeof request.body === 'string' && request.body !== '') parts.push('--data-raw', quote(redactText(request.body)));
  // Bytes that may not be text: give them as hex for `xxd -r -p | curl --data-binary @-`.
  else if (request.body instanceof Uint8Array && request.body.length) parts.push('--data-binary', quote(`<hex:${bytesText(request.body)}>`));
  parts.push(quote(redactText(request.url)));
  return parts.join(' ');
}
