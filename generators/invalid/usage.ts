// Helpers for the code that runs the catalogue (specs, the embedded-host test) and the code that
// lists it (reports): which outcome applies to a profile, and what bytes and headers to send.
import type { InvalidCase, InvalidRequest, Outcome, Profile } from './types.js';

/**
 * The outcome a profile prescribes, or undefined when the catalogue does not know it for that
 * profile (the caller should skip with that reason). 'guidelines' falls back to ODS 7.3.
 */
export function outcomeFor(c: InvalidCase, profile: Profile): Outcome | undefined {
  return c.expect[profile] ?? (profile === 'guidelines' ? c.expect['ods-7.3'] : undefined);
}

/** The primary outcome for the profile followed by the alternatives its caveat allows. */
export function acceptableOutcomes(c: InvalidCase, profile: Profile): Outcome[] {
  const primary = outcomeFor(c, profile);
  return primary ? [primary, ...(c.alternatives?.[profile] ?? [])] : [];
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

const show = (o: Outcome | undefined): string =>
  o === undefined ? 'not documented' : o.type === '' ? `${o.status} accepted` : `${o.status} ${o.type.replace('urn:ed-fi:api:', '')}`;

/** One flat, printable row per case, for the conformance matrix and reports. */
export function catalogueRows(cases: readonly InvalidCase[]): CatalogueRow[] {
  return cases.map((c) => ({
    id: c.id,
    kind: c.kind,
    methods: c.applyTo.join('/'),
    where: (c.at ?? ['body']).join(', '),
    reason: c.reason,
    ods: [c.expect['ods-7.3'], ...(c.alternatives?.['ods-7.3'] ?? [])].map(show).join(' or '),
    dms: show(c.expect.dms),
    evidence: c.evidence,
    needs: (c.needs ?? []).join(', '),
  }));
}
