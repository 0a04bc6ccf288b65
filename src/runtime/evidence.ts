// Evidence: the request and the answer that decided something the probe concluded about the
// target (a capability, a fixture). Skip reasons and the probe report quote it, so a reader sees
// what the host said rather than what the suite inferred. Bodies are redacted before they are
// cut, so a secret can never survive as a fragment at the cut.
import { redactText } from '../report/redact.js';

export interface Evidence {
  /** Method and full URL, e.g. 'GET https://host/data/v3/ed-fi/gradingPeriods?schoolId=255901001'. */
  request: string;
  /** The answer's status; 0 when no answer came. */
  status: number;
  /**
   * The answer's body (or, for a walk over several pages, a summary of what the pages held; for a
   * header question, the headers), redacted, whitespace collapsed, at most EVIDENCE_BODY_MAX chars.
   */
  body: string;
  /** What the probe concluded from it, in a sentence fragment ('no grading period of school 100 in 2025'). */
  concluded: string;
}

export const EVIDENCE_BODY_MAX = 200;

/** Redact first, then collapse whitespace, then cut to `max` characters (an ellipsis marks a cut). */
export function shortBody(text: string, max = EVIDENCE_BODY_MAX): string {
  const flat = redactText(text).replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** Evidence from one answered (or unanswered: status 0) request. */
export function evidenceOf(
  exchange: { request: { method: string; url: string }; status: number; text: string },
  concluded: string,
): Evidence {
  return {
    request: redactText(`${exchange.request.method} ${exchange.request.url}`),
    status: exchange.status,
    body: shortBody(exchange.text),
    concluded,
  };
}

/**
 * 'https://h/data/v3/ed-fi/gradingPeriods?schoolId=1' → '…/gradingPeriods?schoolId=1': the path
 * below the Ed-Fi namespace (or the last segment), which names the resource without the host.
 */
export function shortUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const segments = u.pathname.split('/').filter(Boolean);
  const ns = segments.lastIndexOf('ed-fi');
  const kept = ns >= 0 && ns < segments.length - 1 ? segments.slice(ns + 1) : segments.slice(-1);
  return `…/${kept.join('/')}${u.search}`;
}

/** 'GET …/gradingPeriods?schoolId=255901001 answered 400 {"detail":…}', for skip reasons and reports. */
export function quoteEvidence(e: Evidence): string {
  const space = e.request.indexOf(' ');
  const method = space > 0 ? e.request.slice(0, space) : 'GET';
  const url = space > 0 ? e.request.slice(space + 1) : e.request;
  const request = `${method} ${shortUrl(url)}`;
  if (e.status === 0) return `${request} got no answer${e.body ? ` (${e.body})` : ''}`;
  return `${request} answered ${e.status} ${e.body === '' ? 'with an empty body' : e.body}`;
}
