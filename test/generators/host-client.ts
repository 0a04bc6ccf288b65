// A minimal loopback client for the generator acceptance tests: token, JSON GETs, raw writes.
// Plain undici on purpose: these tests check the generators against the host, not the harness.
import { request } from 'undici';
import { encodeRequest, type InvalidRequest, type SessionRefs } from '../../generators/index.js';

export interface HostAnswer {
  status: number;
  location?: string;
  json?: any;
  text: string;
}

export class HostClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  static async connect(baseUrl: string, client: { key: string; secret: string }): Promise<HostClient> {
    const basic = Buffer.from(`${client.key}:${client.secret}`).toString('base64');
    const res = await request(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const body = (await res.body.json()) as { access_token?: string };
    if (res.statusCode !== 200 || !body.access_token) throw new Error(`token request answered ${res.statusCode}`);
    return new HostClient(baseUrl, body.access_token);
  }

  async send(method: 'GET' | 'POST' | 'PUT', path: string, req: InvalidRequest = {}): Promise<HostAnswer> {
    const { body, headers } = encodeRequest(req);
    headers.authorization = `Bearer ${this.token}`;
    const res = await request(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const location = res.headers.location;
    return { status: res.statusCode, text, json, location: typeof location === 'string' ? location : undefined };
  }

  async list(resource: string, query = ''): Promise<any[]> {
    const answer = await this.send('GET', `/data/v3/ed-fi/${resource}?limit=500${query}`);
    return answer.status === 200 && Array.isArray(answer.json) ? answer.json : [];
  }
}

/** Discovers SessionRefs the way a harness would: from what the target lists, never from constants. */
export async function discoverRefs(client: HostClient): Promise<SessionRefs> {
  const schools = (await client.list('schools')).map((s) => Number(s.schoolId)).sort((a, b) => a - b);
  const years = await client.list('schoolYearTypes');
  const current = years.find((y) => y.currentSchoolYear === true) ?? years[0];
  if (schools.length === 0 || !current) throw new Error('the host lists no school or no school year');
  const schoolYear = Number(current.schoolYear);
  const termDescriptors = (await client.list('termDescriptors')).map((d) => `${d.namespace}#${d.codeValue}`);
  const gradingPeriodsOf = async (schoolId: number) =>
    (await client.list('gradingPeriods', `&schoolId=${schoolId}&schoolYear=${schoolYear}`)).map((g) => ({
      gradingPeriodDescriptor: String(g.gradingPeriodDescriptor),
      gradingPeriodName: String(g.gradingPeriodName),
      schoolId: Number(g.schoolReference.schoolId),
      schoolYear: Number(g.schoolYearTypeReference.schoolYear),
    }));
  const academicWeeksOf = async (schoolId: number) =>
    (await client.list('academicWeeks', `&schoolId=${schoolId}`)).map((w) => ({
      schoolId: Number(w.schoolReference.schoolId),
      weekIdentifier: String(w.weekIdentifier),
    }));
  const [schoolId, otherId] = schools;
  return {
    schoolId,
    schoolYear,
    termDescriptors,
    gradingPeriods: await gradingPeriodsOf(schoolId),
    academicWeeks: await academicWeeksOf(schoolId),
    ...(otherId !== undefined
      ? { other: { schoolId: otherId, schoolYear, gradingPeriods: await gradingPeriodsOf(otherId), academicWeeks: await academicWeeksOf(otherId) } }
      : {}),
  };
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapPool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
