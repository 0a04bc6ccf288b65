// The contract as operations: every documented operation (method × path template) of an OpenAPI
// document and the statuses it documents, and the classifier that maps a request onto one. This
// replaces a hand-written list of operation names and a regex per resource: adding a resource to
// the document is all it takes for its exchanges to be labelled and its pairs to be known.
import type { OpenAPIV3 } from 'openapi-types';

/**
 * 'GetSessions': the operationId with its first letter upper-cased, which is the method name the
 * Ed-Fi SDKs (and the seed's tables) use. A string, because the operations come from a document.
 */
export type OperationName = string;

/** What an operation does to its resource, read from its method and path shape (Ed-Fi's pattern). */
export type OperationKind = 'list' | 'create' | 'read' | 'update' | 'delete' | 'deletes' | 'keyChanges' | 'partitions' | 'other';

export interface ContractOperation {
  name: OperationName;
  operationId: string;
  method: string;
  /** Path template below the data API root: '/ed-fi/sessions/{id}'. */
  path: string;
  /** The resource collection the path belongs to: '/ed-fi/sessions'. */
  resource: string;
  kind: OperationKind;
  /** Documented response statuses, ascending. */
  statuses: readonly number[];
  /** PUT only: the document's x-Ed-Fi-isUpdatable (a PUT may change the natural key). */
  keyUpdatable?: boolean;
}

/** One documented (operation, status) pair, as the conformance matrix lists it. */
export interface DocumentedPair {
  operation: OperationName;
  method: string;
  path: string;
  status: number;
  /**
   * yes: a check can make a correct host answer it. fault-only: 500, which a correct host never
   * answers; only a fault (or a broken target) shows it. no-dependent: a DELETE's 409
   * dependent-item-exists on a resource that no resource the suite knows references, so no check
   * can create the dependent item it needs (decided from the descriptors: src/resources/pairs.ts).
   */
  elicitable: 'yes' | 'fault-only' | 'no-dependent';
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Ed-Fi resource paths are '/{schema}/{collection}[/…]': the resource is the first two segments. */
export function resourceOfPath(path: string): string {
  return `/${path.split('/').filter(Boolean).slice(0, 2).join('/')}`;
}

function kindOf(method: string, path: string, resource: string): OperationKind {
  const rest = path.slice(resource.length).split('/').filter(Boolean);
  if (rest.length === 0) return method === 'GET' ? 'list' : method === 'POST' ? 'create' : 'other';
  if (rest.length > 1) return 'other';
  const tail = rest[0]!;
  if (/^\{[^}]+\}$/.test(tail)) return ({ GET: 'read', PUT: 'update', DELETE: 'delete' } as Record<string, OperationKind>)[method] ?? 'other';
  if (method !== 'GET') return 'other';
  return ({ deletes: 'deletes', keychanges: 'keyChanges', partitions: 'partitions' } as Record<string, OperationKind>)[tail.toLowerCase()] ?? 'other';
}

export function operationName(operationId: string): OperationName {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}

/** The operations of a document, in document order. An operation without operationId is named by method and path. */
export function operationsOf(doc: OpenAPIV3.Document): ContractOperation[] {
  const out: ContractOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const lower of METHODS) {
      const op = item?.[lower] as (OpenAPIV3.OperationObject & { 'x-Ed-Fi-isUpdatable'?: boolean }) | undefined;
      if (!op) continue;
      const method = lower.toUpperCase();
      const resource = resourceOfPath(path);
      const statuses = Object.keys(op.responses ?? {})
        .filter((code) => /^[1-5]\d\d$/.test(code))
        .map(Number)
        .sort((a, b) => a - b);
      out.push({
        name: op.operationId ? operationName(op.operationId) : `${method} ${path}`,
        operationId: op.operationId ?? `${method} ${path}`,
        method,
        path,
        resource,
        kind: kindOf(method, path, resource),
        statuses,
        ...(method === 'PUT' ? { keyUpdatable: op['x-Ed-Fi-isUpdatable'] === true } : {}),
      });
    }
  }
  return out;
}

interface Matcher {
  operation: ContractOperation;
  /** Lower-case literal, or null for a path parameter. */
  segments: Array<string | null>;
  literals: number;
}

function segmentsOf(pathname: string): string[] {
  return pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

export class Contract {
  /** Matchers by 'METHOD lastLiteral|trailingParams', so classifying stays cheap for hundreds of resources. */
  private readonly index = new Map<string, Matcher[]>();
  private maxTrailing = 0;

  /** `source` says where the operations came from (a file name, 'target', …), for messages. */
  constructor(
    readonly operations: readonly ContractOperation[],
    readonly source: string,
  ) {
    for (const operation of operations) {
      const segments = operation.path.split('/').filter(Boolean).map((s) => (/^\{[^}]+\}$/.test(s) ? null : s.toLowerCase()));
      const lastLiteral = segments.findLastIndex((s) => s !== null);
      if (lastLiteral < 0) continue;
      const trailing = segments.length - 1 - lastLiteral;
      this.maxTrailing = Math.max(this.maxTrailing, trailing);
      const key = `${operation.method} ${segments[lastLiteral]}|${trailing}`;
      const list = this.index.get(key) ?? [];
      list.push({ operation, segments, literals: segments.filter((s) => s !== null).length });
      this.index.set(key, list);
    }
  }

  /**
   * The documented operation a request is for, or undefined. Matching is on the tail of the URL's
   * path, so it works whatever the data root is (ODS '/data/v3', DMS '/data', a proxy prefix);
   * literals compare case-insensitively, as ODS routes do; the template with the most literal
   * segments wins ('/ed-fi/sessions/deletes' over '/ed-fi/sessions/{id}').
   */
  classify(method: string, url: string): ContractOperation | undefined {
    let pathname: string;
    try {
      pathname = new URL(url, 'http://placeholder.invalid').pathname;
    } catch {
      return undefined;
    }
    const segs = segmentsOf(pathname);
    const verb = method.toUpperCase();
    let best: Matcher | undefined;
    for (let trailing = 0; trailing <= this.maxTrailing && trailing < segs.length; trailing++) {
      const anchor = segs[segs.length - 1 - trailing]!.toLowerCase();
      for (const m of this.index.get(`${verb} ${anchor}|${trailing}`) ?? []) {
        if (m.segments.length > segs.length) continue;
        const offset = segs.length - m.segments.length;
        const fits = m.segments.every((s, i) => s === null || s === segs[offset + i]!.toLowerCase());
        if (fits && (!best || m.literals > best.literals)) best = m;
      }
    }
    return best?.operation;
  }

  operation(name: OperationName): ContractOperation | undefined {
    return this.operations.find((o) => o.name === name);
  }

  /** The resource collections, in document order. */
  resources(): string[] {
    return [...new Set(this.operations.map((o) => o.resource))];
  }

  forResource(resource: string): ContractOperation[] {
    const lower = resource.toLowerCase();
    return this.operations.filter((o) => o.resource.toLowerCase() === lower);
  }

  /** The documented (operation, status) pairs of one resource (or all), by operation name then status. */
  pairs(resource?: string): DocumentedPair[] {
    const ops = resource === undefined ? this.operations : this.forResource(resource);
    return ops
      .flatMap((o) => o.statuses.map((status): DocumentedPair => ({ operation: o.name, method: o.method, path: o.path, status, elicitable: status >= 500 ? 'fault-only' : 'yes' })))
      .sort((a, b) => a.operation.localeCompare(b.operation) || a.status - b.status);
  }

  /**
   * This contract plus the resources only `other` has. A resource this contract covers keeps its
   * own operations: a host's published document supplies resources we did not commit, but never
   * narrows or rewrites the contract a covered resource is judged by.
   */
  withResourcesFrom(other: Contract): Contract {
    const covered = new Set(this.resources().map((r) => r.toLowerCase()));
    const extra = other.operations.filter((o) => !covered.has(o.resource.toLowerCase()));
    return extra.length ? new Contract([...this.operations, ...extra], `${this.source} + ${other.source}`) : this;
  }
}

export function contractFromDocument(doc: OpenAPIV3.Document, source: string): Contract {
  return new Contract(operationsOf(doc), source);
}
