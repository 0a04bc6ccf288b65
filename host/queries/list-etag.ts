// Seed-driven extension: the v7.3 SDK documents 304 on GET-many, /deletes and /keyChanges
// ("the resource's current server-side ETag value matched the If-None-Match header"), which ODS
// itself never produces (CONTRACT.md §1.1 footnote). This host honours it: each list response
// carries an ETag derived from its content (body and paging headers), and a request whose
// If-None-Match names that value (quoted or bare, optionally weak, in a list) gets 304, no body.
import { createHash } from 'node:crypto';
import type { HostRequest, HostResponse } from '../http/types.js';

const CONTENT_HEADERS = ['Total-Count', 'Next-Page-Token'];

export function listEtag(body: unknown, headers: Record<string, string>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(body));
  for (const name of CONTENT_HEADERS) hash.update(`\n${name}:${headers[name] ?? ''}`);
  return `"${hash.digest('base64url').slice(0, 27)}"`;
}

function bare(tag: string): string {
  return tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

export function ifNoneMatchHits(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const current = bare(etag);
  return ifNoneMatch.split(',').some((tag) => bare(tag) === current);
}

/** A list's body and headers with its ETag among them (computed once, e.g. before a page is cached). */
export interface ListContent {
  body: unknown;
  headers: Record<string, string>;
}

export function withListEtag(body: unknown, headers: Record<string, string>): ListContent {
  return { body, headers: { ...headers, ETag: listEtag(body, headers) } };
}

/** 200 with the content (headers copied: the content may be shared), or 304 when the client already holds it. */
export function answerList(req: HostRequest, content: ListContent): HostResponse {
  const etag = content.headers.ETag;
  if (ifNoneMatchHits(req.headers['if-none-match'], etag)) return { status: 304, headers: { ETag: etag } };
  return { status: 200, headers: { ...content.headers }, body: content.body };
}

/** A 200 list response with its ETag, or 304 when the client already holds this content. */
export function listResponse(req: HostRequest, body: unknown, headers: Record<string, string>): HostResponse {
  return answerList(req, withListEtag(body, headers));
}
