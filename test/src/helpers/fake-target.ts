// A tiny stand-in Ed-Fi target on node:http for the harness's own tests: discovery, a token
// endpoint that checks Basic credentials, the fixture resources, and just enough of sessions and
// course offerings (in memory) for a run to create and delete. Modes make it misbehave for the
// exit-2 tests: garbage discovery, or never answering at all. Options make it strict or odd the
// way real hosts are (reference filters refused, fixed answers on chosen paths) for the probe tests;
// hooks make its DELETE lie or lag (cleanup tests) and its tokens JWTs (redaction tests).
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeTargetOptions {
  mode?: 'normal' | 'garbage-discovery' | 'silent';
  /** Override the fixture resources (e.g. no term descriptors) to test missing prerequisites. */
  fixtures?: Record<string, unknown[]>;
  key?: string;
  secret?: string;
  /** Answer 400 to any fixture read with a query parameter other than limit/offset (e.g. `?schoolId=`). */
  refuseFilters?: boolean;
  /** Answer 400 to limit/offset on fixture reads too (only the unparameterised read works). */
  refusePaging?: boolean;
  /** Fixed answers by path (checked before anything else but discovery and the token). */
  answers?: Record<string, { status: number; body?: unknown; headers?: Record<string, string> }>;
  /**
   * Decides a DELETE of a stored item before the store does: undefined deletes normally (204);
   * an answer is sent instead, and the item is removed only when `remove` is true.
   * `attempt` counts the DELETEs of that id, from 1.
   */
  onDelete?: (item: { collection: string; id: string; attempt: number }) => { status: number; remove?: boolean; body?: unknown } | undefined;
  /** Eventual consistency: after a DELETE, GET by id still answers 200 with the item for this long. */
  visibleAfterDeleteMs?: number;
  /** 'jwt': the token endpoint issues signed JWTs (~600 chars) instead of opaque 32-char tokens. */
  tokens?: 'opaque' | 'jwt';
}

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** A realistic signed JWT of about 600 characters: base64url header.payload.signature. */
export function makeJwt(clientId: string): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: randomUUID() }));
  const now = Math.floor(Date.now() / 1000);
  const payload = b64url(
    JSON.stringify({
      iss: 'https://fake-ods.example/oauth', aud: 'ed-fi-ods-api', sub: clientId, client_id: clientId, jti: randomUUID(),
      iat: now, nbf: now, exp: now + 1800, scope: 'ed-fi:sessions ed-fi:courseOfferings ed-fi:schools',
      educationOrganizationIds: [100, 200], namespacePrefixes: ['uri://ed-fi.org', 'uri://fake.example'], nonce: randomBytes(48).toString('base64url'),
    }),
  );
  const signature = createHmac('sha512', randomBytes(32)).update(`${header}.${payload}`).digest('base64url') + randomBytes(64).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

export interface FakeTarget {
  baseUrl: string;
  key: string;
  secret: string;
  /** Live sessions and course offerings by id. */
  sessions: Map<string, Record<string, unknown>>;
  courseOfferings: Map<string, Record<string, unknown>>;
  tokensIssued: string[];
  requests: number;
  /** POST/PUT/DELETE requests on the data API. */
  writes: number;
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeTarget(options: FakeTargetOptions = {}): Promise<FakeTarget> {
  const key = options.key ?? 'fake-key';
  const secret = options.secret ?? `fake-secret-${randomUUID().slice(0, 8)}`;
  const state = { sessions: new Map<string, Record<string, unknown>>(), courseOfferings: new Map<string, Record<string, unknown>>(), tokensIssued: [] as string[], requests: 0, writes: 0 };
  const deleteAttempts = new Map<string, number>();
  /** Items deleted but still served to GET until the time given (eventual consistency). */
  const lingering = new Map<string, { item: Record<string, unknown>; until: number }>();
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer(async (req, res) => {
    state.requests++;
    if (options.mode === 'silent') {
      hanging.add(res); // never answer
      return;
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const body = await readBody(req);
    const root = `http://${req.headers.host}`;
    if (path === '/' && req.method === 'GET') {
      if (options.mode === 'garbage-discovery') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>welcome to nginx</html>');
        return;
      }
      return send(res, 200, { version: '7.3', applicationName: 'Fake ODS', dataModels: [{ name: 'Ed-Fi', version: '5.2.0' }], urls: { oauth: `${root}/oauth/token`, dataManagementApi: `${root}/data/v3/` } });
    }
    if (path === '/oauth/token' && req.method === 'POST') {
      const expected = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return send(res, 401, { error: 'invalid_client' });
      const token = options.tokens === 'jwt' ? makeJwt(key) : randomUUID().replace(/-/g, '');
      state.tokensIssued.push(token);
      // ?shape= gives the answer a shape a careless host might: form-encoded, or JSON cut short.
      const shape = url.searchParams.get('shape');
      if (shape === 'form') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(`access_token=${token}&expires_in=1800&token_type=bearer`);
      }
      if (shape === 'cut') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(`{"token_type":"bearer","expires_in":1800,"access_token":"${token.slice(0, 300)}`);
      }
      return send(res, 200, { access_token: token, expires_in: 1800, token_type: 'bearer' });
    }
    const fixed = options.answers?.[path];
    if (fixed) return send(res, fixed.status, fixed.body, fixed.headers);
    if (!path.startsWith('/data/v3/')) return send(res, 404, { type: 'urn:ed-fi:api:not-found', title: 'Not Found', status: 404, detail: 'nothing here' });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !state.tokensIssued.includes(token)) {
      return send(res, 401, { type: 'urn:ed-fi:api:security:authentication', title: 'Authentication Failed', status: 401, detail: 'The caller could not be authenticated.', errors: ['Invalid token'] });
    }
    if (req.method !== 'GET') state.writes++;
    const resource = path.replace(/^\/data\/v3\/ed-fi\//, '');
    const [collection, id] = resource.split('/');
    const fixtures: Record<string, unknown[]> = {
      schools: [{ schoolId: 100 }, { schoolId: 200 }],
      schoolYearTypes: [{ schoolYear: 2025, currentSchoolYear: true }],
      termDescriptors: [{ namespace: 'uri://ed-fi.org/TermDescriptor', codeValue: 'Fall Semester' }],
      gradingPeriods: [],
      academicWeeks: [],
      courses: [{ courseCode: 'ALG-1', educationOrganizationReference: { educationOrganizationId: 100 } }],
      ...options.fixtures,
    };
    if (collection && collection in fixtures && req.method === 'GET' && !id) {
      const params = [...url.searchParams.keys()];
      const refused = params.find((p) => (options.refuseFilters && !['limit', 'offset'].includes(p)) || (options.refusePaging && ['limit', 'offset'].includes(p)));
      if (refused) {
        return send(res, 400, { type: 'urn:ed-fi:api:bad-request', title: 'Bad Request', status: 400, detail: `The query parameter '${refused}' is not supported.` });
      }
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 25);
      return send(res, 200, fixtures[collection]!.slice(offset, offset + limit));
    }
    const store = collection === 'sessions' ? state.sessions : collection === 'courseOfferings' ? state.courseOfferings : undefined;
    if (!store) return send(res, 404, { type: 'urn:ed-fi:api:not-found', title: 'Not Found', status: 404, detail: 'The specified data could not be found.' });
    if (req.headers['use-snapshot'] !== undefined && req.method === 'GET') {
      return send(res, 404, { type: 'urn:ed-fi:api:not-found', title: 'Not Found', status: 404, detail: 'Snapshot not found.' });
    }
    if (req.method === 'GET' && !id) return send(res, 200, [...store.values()].slice(0, Number(url.searchParams.get('limit') ?? 500)));
    if (req.method === 'GET' && id === 'partitions') return send(res, 404, { type: 'urn:ed-fi:api:not-found', title: 'Not Found', status: 404, detail: 'x' });
    if (req.method === 'GET' && id) {
      const late = lingering.get(id);
      if (late && Date.now() < late.until) return send(res, 200, late.item, { etag: '"1"' });
      const item = store.get(id);
      return item ? send(res, 200, item, { etag: '"1"' }) : send(res, 404, { type: 'urn:ed-fi:api:not-found', title: 'Not Found', status: 404, detail: 'The specified item could not be found.' });
    }
    if (req.method === 'POST' && !id) {
      let parsed: object;
      try {
        parsed = JSON.parse(body || '{}') as object;
      } catch {
        return send(res, 400, { type: 'urn:ed-fi:api:bad-request', title: 'Bad Request', status: 400, detail: 'not JSON' });
      }
      const newId = randomUUID().replace(/-/g, '');
      store.set(newId, { id: newId, ...parsed, _etag: '1' });
      return send(res, 201, undefined, { location: `${root}/data/v3/ed-fi/${collection}/${newId}`, etag: '"1"' });
    }
    if (req.method === 'DELETE' && id) {
      const attempt = (deleteAttempts.get(id) ?? 0) + 1;
      deleteAttempts.set(id, attempt);
      const item = store.get(id);
      const hooked = item && options.onDelete?.({ collection, id, attempt });
      if (hooked) {
        if (hooked.remove) store.delete(id);
        return send(res, hooked.status, hooked.body);
      }
      if (item && options.visibleAfterDeleteMs) lingering.set(id, { item, until: Date.now() + options.visibleAfterDeleteMs });
      return store.delete(id) ? send(res, 204) : send(res, 404, { type: 'urn:ed-fi:api:not-found', title: 'Not Found', status: 404, detail: 'Resource to delete was not found.' });
    }
    return send(res, 405, { type: 'urn:ed-fi:api:method-not-allowed', title: 'Method Not Allowed', status: 405, detail: 'x' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    key,
    secret,
    ...state,
    get requests() {
      return state.requests;
    },
    get writes() {
      return state.writes;
    },
    async stop() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
