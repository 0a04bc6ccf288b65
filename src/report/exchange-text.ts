// Renders an exchange as the text attached to a check: request, response and curl, redacted and
// with long bodies trimmed so reports stay small (redacted first, then trimmed: see excerpt()).
// The three go into one attachment per exchange (exchangeText): a run makes ~2,000 exchanges, and
// every attachment is a file the results writer writes and Allure reads back to build the report.
import type { Exchange } from '../http/exchange.js';
import { bytesText, toCurl } from './curl.js';
import { excerpt, redactHeaders, redactText } from './redact.js';

export const MAX_BODY_CHARS = 4_000;

function trimmed(body: string): string {
  return excerpt(body, MAX_BODY_CHARS, (full) => `\n… (${full - MAX_BODY_CHARS} more chars trimmed)`);
}


function prettyBody(text: string, json: unknown): string {
  if (json !== undefined) return JSON.stringify(json, null, 2);
  return text;
}

function headerLines(headers: Record<string, string>): string {
  return Object.entries(redactHeaders(headers))
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}

function requestText(ex: Exchange): string {
  const raw = ex.request.body;
  const text = raw instanceof Uint8Array ? `<${raw.length} bytes: ${bytesText(raw, 200)}>` : raw;
  const body = text ? `\n\n${trimmed(text)}` : '';
  return `${ex.request.method} ${redactText(ex.request.url)}\n${headerLines(ex.request.headers)}${body}`;
}

function responseText(ex: Exchange): string {
  const body = ex.text ? `\n\n${trimmed(prettyBody(ex.text, ex.json))}` : '';
  return `HTTP ${ex.status} (${ex.durationMs} ms${ex.retries ? `, after ${ex.retries} throttled retries` : ''})\n${headerLines(ex.headers)}${body}`;
}

function curlText(ex: Exchange): string {
  return toCurl(ex.request);
}

/** Request, response and the curl that replays it, as one text under three headings. */
export function exchangeText(ex: Exchange): string {
  return `── request ──\n${requestText(ex)}\n\n── response ──\n${responseText(ex)}\n\n── curl ──\n${curlText(ex)}\n`;
}

/** Short step title: 'POST /data/v3/ed-fi/sessions → 201'. */
export function exchangeTitle(ex: Exchange): string {
  let path = ex.request.url;
  try {
    const u = new URL(ex.request.url);
    path = u.pathname + u.search;
  } catch {
    /* keep the raw url */
  }
  return `${ex.request.method} ${redactText(path)} → ${ex.status}`;
}
