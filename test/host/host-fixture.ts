// Shared helpers for HTTP-level host tests: one started host per test file, raw requests through
// node:http (so any method, header or byte sequence can be sent), tokens per client role, and a
// valid session body builder over the seeded reference data.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { type RunningHost, type StartHostOptions, startHost } from '../../host/index.js';
import type { ClientRole } from '../../host/http/types.js';

export const PRIMARY_SCHOOL = 255901001;
export const OTHER_SCHOOL = 255901044;
export const FALL = 'uri://ed-fi.org/TermDescriptor#Fall Semester';
export const SPRING = 'uri://ed-fi.org/TermDescriptor#Spring Semester';
export const FIRST_SIX_WEEKS = 'uri://ed-fi.org/GradingPeriodDescriptor#First Six Weeks';
export const SESSIONS = '/data/v3/ed-fi/sessions';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | object;
  /** Path below the root, or an absolute URL. */
  path: string;
}

export async function send(baseUrl: string, options: SendOptions): Promise<Reply> {
  const url = new URL(options.path.startsWith('http') ? options.path : `${baseUrl}${options.path}`);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  let payload: Buffer | undefined;
  if (options.body !== undefined) {
    if (Buffer.isBuffer(options.body)) payload = options.body;
    else if (typeof options.body === 'string') payload = Buffer.from(options.body, 'utf8');
    else {
      payload = Buffer.from(JSON.stringify(options.body), 'utf8');
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
    }
  }
  // node:http does not frame a DELETE/GET body by itself: declare its length explicitly.
  if (payload && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-length' || h.toLowerCase() === 'transfer-encoding')) {
    headers['Content-Length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: options.method ?? 'GET', headers, agent: keepAliveAgent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export const keepAliveAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function basic(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

export interface TestHost {
  host: RunningHost;
  baseUrl: string;
  /** A bearer token per role (fetched once). */
  token(role?: ClientRole): Promise<string>;
  /** Authenticated request as `role` (default full). */
  api(options: SendOptions, role?: ClientRole): Promise<Reply>;
  stop(): Promise<void>;
}

/**
 * EDFI_TEST_DATABASE_URL=postgres://… runs the host tests against a PostgreSQL server instead of
 * PGlite. Each host wipes the host schemas, so run such files one at a time (--no-file-parallelism).
 */
const testDatabaseUrl = process.env.EDFI_TEST_DATABASE_URL || undefined;

export async function startTestHost(options: StartHostOptions = {}): Promise<TestHost> {
  const host = await startHost({ port: 0, quiet: true, databaseUrl: testDatabaseUrl, ...options });
  const tokens = new Map<ClientRole, Promise<string>>();
  const token = (role: ClientRole = 'full') => {
    let pending = tokens.get(role);
    if (!pending) {
      const { key, secret } = host.clients[role];
      pending = send(host.baseUrl, {
        method: 'POST',
        path: '/oauth/token',
        headers: { Authorization: basic(key, secret), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      }).then((reply) => {
        if (reply.status !== 200) throw new Error(`token for ${role}: ${reply.status} ${reply.text}`);
        return reply.json.access_token as string;
      });
      tokens.set(role, pending);
    }
    return pending;
  };
  return {
    host,
    baseUrl: host.baseUrl,
    token,
    api: async (options, role = 'full') =>
      send(host.baseUrl, { ...options, headers: { Authorization: `Bearer ${await token(role)}`, ...(options.headers ?? {}) } }),
    stop: () => host.stop(),
  };
}

/** A unique session name (tests in one file share a host). */
export function uniqueName(prefix = 'Test'): string {
  return `${prefix} ${randomBytes(5).toString('hex')}`;
}

export interface SessionBodyOptions {
  sessionName?: string;
  schoolId?: number;
  schoolYear?: number;
  withChildren?: boolean;
}

/** A valid session over the seeded data: grading period "Six Weeks 1" and week 01 of its school. */
export function sessionBody(options: SessionBodyOptions = {}): Record<string, any> {
  const schoolId = options.schoolId ?? PRIMARY_SCHOOL;
  const schoolYear = options.schoolYear ?? 2025;
  const body: Record<string, any> = {
    sessionName: options.sessionName ?? uniqueName(),
    schoolReference: { schoolId },
    schoolYearTypeReference: { schoolYear },
    beginDate: '2024-08-19',
    endDate: '2024-12-20',
    termDescriptor: FALL,
    totalInstructionalDays: 80,
    gradingPeriods: [],
    academicWeeks: [],
  };
  if (options.withChildren !== false) {
    body.gradingPeriods = [
      {
        gradingPeriodReference: {
          gradingPeriodDescriptor: FIRST_SIX_WEEKS,
          gradingPeriodName: `${schoolYear - 1}-${schoolYear} Six Weeks 1`,
          schoolId,
          schoolYear,
        },
      },
    ];
    body.academicWeeks = [{ academicWeekReference: { schoolId, weekIdentifier: 'Week 01 of 2024-2025' } }];
  }
  return body;
}

/** POSTs a new session and returns its item path and ETag. */
export async function createSession(t: TestHost, body = sessionBody()): Promise<{ path: string; id: string; etag: string; body: Record<string, any> }> {
  const reply = await t.api({ method: 'POST', path: SESSIONS, body });
  if (reply.status !== 201) throw new Error(`create failed: ${reply.status} ${reply.text}`);
  const location = String(reply.headers.location);
  const id = location.slice(location.lastIndexOf('/') + 1);
  return { path: `${SESSIONS}/${id}`, id, etag: String(reply.headers.etag), body };
}
