// Reading an item's current state in set-up, and "did anything change?" without trusting ETags.
// A host may send no ETag at all; that breaks the ETag requirements, and only them. So a check
// that asks whether a refused write left the item alone compares the representation (the body
// minus the server-kept `_etag` and `_lastModifiedDate`); the ETag is used only when the check's
// own requirement is about ETags, or when the host sends one.
import { randomUUID } from 'node:crypto';
import { Differences, ensure, expectStatus, requirementIdOf, type AnyResourceDescriptor, type CheckContext, type Exchange } from '../../src/index.js';
import { SESSIONS_RESOURCE } from './resources.js';

export interface ItemState {
  body: Record<string, unknown>;
  /** The ETag header as sent, when the host sent one. */
  etag?: string;
  /** Canonical JSON of the body without `_etag` and `_lastModifiedDate`. */
  representation: string;
  exchange: Exchange;
}

const SERVER_KEPT = new Set(['_etag', '_lastModifiedDate']);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .filter((k) => !SERVER_KEPT.has(k))
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The body as the client sees its data: server-kept members dropped, keys sorted. */
export function representationOf(body: unknown): string {
  return JSON.stringify(canonical(body));
}

/**
 * Set-up read of an item by id: 200 and a JSON object, or the check is blocked by
 * {R}-GETBYID-200-FOUND (unless that is the check's own requirement). `on`: the item's resource.
 */
export async function readItem(t: CheckContext, id: string, label = 'read the item', on: AnyResourceDescriptor = SESSIONS_RESOURCE): Promise<ItemState> {
  return t.arrange(label, async () => {
    const ex = await t.resource(on.name).get(id);
    expectStatus(ex, 200);
    ensure(ex.json && typeof ex.json === 'object' && !Array.isArray(ex.json), 'GET by id should answer the item as a JSON object', { expected: '{ … }', observed: ex.text }, ex);
    const body = ex.json as Record<string, unknown>;
    return { body, etag: ex.headers['etag'], representation: representationOf(body), exchange: ex };
  }, requirementIdOf(on, 'GETBYID-200-FOUND'));
}

/** Asserts (for the check's own requirement) that the item reads as it did before. */
export function expectUnchanged(before: ItemState, after: ItemState, what: string): void {
  ensure(after.representation === before.representation, what, {
    expected: before.representation,
    observed: after.representation,
  }, after.exchange);
}

/** A well-formed id that names no item, in the form the run's profile uses (register: unknown-id-format). */
export function unknownId(t: CheckContext): string {
  return t.decide(Differences.unknownIdFormat) === 'hex32' ? randomUUID().replace(/-/g, '') : randomUUID();
}

/** Every member name in a JSON value, at any depth (what an accepted odd body must not leave behind). */
export function memberNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => memberNames(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      memberNames(v, into);
    }
  }
  return into;
}
