// Helpers for the code that runs the catalogue (the validation specs, the embedded-host test) and
// the code that lists it (reports): which outcome applies to a profile, what bytes and headers to
// send, and how to send them. One copy, so the specs and the host test run the catalogue by the
// same rules.
import type { InvalidCase, InvalidRequest, Outcome, Profile, WriteMethod } from './types.js';

/**
 * The outcome a profile prescribes for a case. The rule:
 *
 * 1. The profile's own outcome, when the catalogue records one.
 * 2. Otherwise ODS 7.3's *status*, marked `inheritedFrom: 'ods-7.3'`, without ODS's `paths`.
 *
 * Why not "undefined, skip the case": the catalogue records a profile's outcome where that
 * profile's sources document one; where they are silent, the status still follows from HTTP
 * semantics that every profile shares (a body that breaks the contract is a 400, an unsupported
 * media type a 415, a valid body is accepted), and CONTRACT.md §9 lists no status difference for
 * those cases. Skipping would excuse a host that answers such a body with 500 or 201 — a missed
 * deviation. Why only the status: which problem `type` and which validationErrors keys another
 * profile renders is exactly what is undocumented, so asserting ODS's would fail a host for an
 * expectation nobody wrote down. The ODS `type` is kept on the inherited outcome for reporting and
 * for the profile register (an unresolved reference is still recognisable as one); runners must
 * not compare it (see `comparesBody`). Statuses the profile register widens (409 vs 400 for an
 * unresolved reference under the guidelines) are decided by the runner, which can read the register.
 */
export function outcomeFor(c: InvalidCase, profile: Profile): Outcome {
  const own = c.expect[profile];
  if (own) return own;
  const { paths: _odsOnly, ...ods } = c.expect['ods-7.3'];
  return { ...ods, inheritedFrom: 'ods-7.3' };
}

/** Whether a runner may compare the outcome's problem `type` and `paths` (not for an inherited one). */
export function comparesBody(outcome: Outcome): boolean {
  return outcome.inheritedFrom === undefined;
}

/** The primary outcome for the profile followed by the alternatives its caveat allows. */
export function acceptableOutcomes(c: InvalidCase, profile: Profile): Outcome[] {
  return [outcomeFor(c, profile), ...(c.alternatives?.[profile] ?? [])];
}

export interface EncodedRequest {
  body?: string | Uint8Array;
  headers: Record<string, string>;
}

/** `json` → its JSON text as application/json (unless a contentType is given); `body` as is. */
export function encodeRequest(req: InvalidRequest): EncodedRequest {
  if (req.json !== undefined) {
    return { body: JSON.stringify(req.json), headers: { 'content-type': req.contentType ?? 'application/json' } };
  }
  return { body: req.body, headers: req.contentType ? { 'content-type': req.contentType } : {} };
}

/**
 * The request a PUT of the case sends: a JSON object body without an `id` gets the route id. ODS
 * takes the id from the route and ignores a body id; DMS requires it (CONTRACT.md §3, profile
 * register `put-body-id-omitted`), so without it every PUT case would test the id rule instead of
 * its own. A body that carries an id (the case about a differing id), is not a JSON object, or is
 * raw bytes is sent as the case built it.
 */
export function withRouteId(req: InvalidRequest, id: string): InvalidRequest {
  const json = req.json;
  if (!json || typeof json !== 'object' || Array.isArray(json) || 'id' in json) return req;
  return { ...req, json: { id, ...(json as Record<string, unknown>) } };
}

/** What sendCase needs of a client: one raw request (the harness's ApiClient fits). */
export interface RawRequester<R> {
  request(spec: { method: WriteMethod; path: string; body?: string | Uint8Array; headers: Record<string, string> }): Promise<R>;
}

/** Sends the case's request exactly as encoded: the bytes, the Content-Type given, or none. */
export function sendCase<R>(client: RawRequester<R>, method: WriteMethod, path: string, req: InvalidRequest): Promise<R> {
  const { body, headers } = encodeRequest(req);
  return client.request({ method, path, body, headers });
}

export interface CatalogueRow {
  id: string;
  kind: InvalidCase['kind'];
  methods: string;
  where: string;
  reason: string;
  ods: string;
  dms: string;
  evidence: InvalidCase['evidence'];
  needs: string;
}

const show = (o: Outcome): string => {
  const what = isAcceptedStatus(o.status) ? `${o.status} accepted` : `${o.status} ${o.type.replace('urn:ed-fi:api:', '')}`;
  return o.inheritedFrom ? `${o.status} (status as ${o.inheritedFrom}; body not documented)` : what;
};

function isAcceptedStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

/** One flat, printable row per case, for the conformance matrix and reports. */
export function catalogueRows(cases: readonly InvalidCase[]): CatalogueRow[] {
  return cases.map((c) => ({
    id: c.id,
    kind: c.kind,
    methods: c.applyTo.join('/'),
    where: (c.at ?? ['body']).join(', '),
    reason: c.reason,
    ods: acceptableOutcomes(c, 'ods-7.3').map(show).join(' or '),
    dms: acceptableOutcomes(c, 'dms').map(show).join(' or '),
    evidence: c.evidence,
    needs: (c.needs ?? []).join(', '),
  }));
}
