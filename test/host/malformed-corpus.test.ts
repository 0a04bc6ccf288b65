// Robustness (issue 2 acceptance): hundreds of malformed requests — bodies, headers, ids, query
// strings, raw bytes on the socket — and not one 5xx. Each request is listed in the failure
// message so a regression names its input.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Reply, type SendOptions, type TestHost, SESSIONS, createSession, send, sessionBody, startTestHost } from './host-fixture.js';

let t: TestHost;
let itemPath: string;
beforeAll(async () => {
  t = await startTestHost();
  itemPath = (await createSession(t)).path;
});
afterAll(async () => t?.stop());

const valid = JSON.stringify(sessionBody());

const bodies: Array<string | Buffer> = [
  '', ' ', 'null', 'true', '0', '-1', '1e309', '"x"', '[]', '[{}]', '{}', '{', '}', '{"a":', '{"sessionName":}', "{'sessionName':'x'}",
  '{"sessionName":"x",}', valid.slice(0, 50), `${valid}garbage`, `${valid}${valid}`, valid.replace(/"/g, "'"),
  '{"schoolReference":null}', '{"schoolReference":{"schoolId":1e400}}', '{"schoolReference":{"schoolId":-0}}',
  '{"gradingPeriods":[null]}', '{"gradingPeriods":[1,2,3]}', '{"gradingPeriods":[{"gradingPeriodReference":[]}]}',
  '{"academicWeeks":"x"}', '{"academicWeeks":[{"academicWeekReference":{"schoolId":"x","weekIdentifier":{}}}]}',
  '{"totalInstructionalDays":9007199254740993}', '{"totalInstructionalDays":"1e3"}', '{"beginDate":"0000-00-00"}',
  '{"beginDate":"9999-12-31","endDate":"0001-01-01"}', '{"termDescriptor":"#"}', '{"termDescriptor":"a#"}',
  '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"x":1}}}', `{"sessionName":"${'\\u0000'.repeat(5)}"}`,
  JSON.stringify({ ...sessionBody(), sessionName: '\u0000\ud800' }), JSON.stringify({ ...sessionBody(), schoolYearTypeReference: { schoolYear: 99999 } }),
  JSON.stringify({ ...sessionBody(), schoolYearTypeReference: { schoolYear: -32769 } }), JSON.stringify({ ...sessionBody(), schoolReference: { schoolId: 1e20 } }),
  JSON.stringify({ ...sessionBody(), beginDate: '2024-8-1' }), JSON.stringify({ ...sessionBody(), beginDate: '02/30/2024' }),
  '['.repeat(5000) + ']'.repeat(5000), `{"a":${'['.repeat(3000)}${']'.repeat(3000)}}`, Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from(valid)]),
  Buffer.from([0xff, 0xfe, 0x00]), Buffer.from([0xc3, 0x28]), Buffer.alloc(64, 0),
];

const contentTypes = ['application/json', 'application/json; charset=latin1', 'application/json; charset=utf-8', 'text/json', 'application/ld+json', '*/*', 'multipart/form-data', ';;;'];

const ids = [
  'abc', '0', '-1', '1'.repeat(31), '1'.repeat(33), 'g'.repeat(32), '%00', '%2e%2e', '..', '%', 'null', 'undefined', '{00000000-0000-0000-0000-000000000000}',
  '00000000-0000-0000-0000-00000000000', "'; DROP TABLE edfi.session; --", '%27%20OR%201%3D1', 'a'.repeat(5000), '%F0%9F%98%80', '%ZZ', 'deletes', 'keyChanges', 'partitions',
  '00000000000000000000000000000000/extra', '00000000000000000000000000000000?x=1', 'DELETES', 'Partitions',
];

const queries = [
  'limit=abc', 'limit=-1', 'limit=501', 'limit=1e2', 'limit=', 'limit=9999999999999999999', 'offset=-5', 'offset=abc', 'offset=99999999999',
  'totalCount=maybe', 'totalCount=', 'pageToken=%%%', 'pageToken=DefinitelyNotValid', 'pageToken=LTIxNDc0ODM2NDgsMA', 'pageToken=MSwy&offset=1',
  'pageSize=-1', 'pageSize=abc', 'pageSize=10', 'pageToken=MSwyMTQ3NDgzNjQ3&pageSize=501', 'minChangeVersion=abc', 'maxChangeVersion=-1',
  'minChangeVersion=99999999999999999999', 'schoolId=abc', 'schoolYear=999999', 'beginDate=notadate', 'id=zz', 'totalInstructionalDays=x',
  'number=0', 'number=201', 'number=abc', 'sessionName=%00', `sessionName=${'x'.repeat(3000)}`, 'limit=1&limit=2', 'correlationId=%ZZ', '&&&===', '%',
];

const headerSets: Array<Record<string, string>> = [
  { Authorization: 'Bearer' }, { Authorization: 'Bearer  ' }, { Authorization: 'bearer x y z' }, { Authorization: 'Basic !!!' }, { Authorization: 'x'.repeat(8000) },
  { 'If-Match': '"' }, { 'If-Match': '""' }, { 'If-Match': '-9223372036854775808' }, { 'If-Match': '99999999999999999999999' }, { 'If-Match': 'W/"123"' },
  { 'If-None-Match': '*' }, { 'If-None-Match': '"", ""' }, { 'Use-Snapshot': 'TRUE' }, { 'Use-Snapshot': '' }, { 'Content-Length': '0' },
  { 'correlation-id': 'x'.repeat(4000) }, { Accept: 'application/xml' }, { 'Content-Type': 'application/json; charset=' },
];

async function bounded<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]();
      }
    }),
  );
  return results;
}

function corpus(token: string): SendOptions[] {
  const auth = { Authorization: `Bearer ${token}` };
  const requests: SendOptions[] = [];
  for (const body of bodies) {
    requests.push({ method: 'POST', path: SESSIONS, headers: { ...auth, 'Content-Type': 'application/json' }, body });
    requests.push({ method: 'PUT', path: itemPath, headers: { ...auth, 'Content-Type': 'application/json' }, body });
  }
  for (const contentType of contentTypes) {
    requests.push({ method: 'POST', path: SESSIONS, headers: { ...auth, 'Content-Type': contentType }, body: valid });
    requests.push({ method: 'POST', path: '/oauth/token', headers: { 'Content-Type': contentType }, body: 'grant_type=client_credentials&client_id=a&client_secret=b' });
  }
  for (const id of ids) {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      requests.push({ method, path: `${SESSIONS}/${id}`, headers: { ...auth, 'Content-Type': 'application/json' }, body: method === 'PUT' ? valid : undefined });
    }
  }
  for (const query of queries) {
    for (const resource of [SESSIONS, `${SESSIONS}/deletes`, `${SESSIONS}/keyChanges`, `${SESSIONS}/partitions`, '/data/v3/ed-fi/gradingPeriods', '/changeQueries/v1/availableChangeVersions']) {
      requests.push({ method: 'GET', path: `${resource}?${query}`, headers: auth });
    }
  }
  for (const headers of headerSets) {
    requests.push({ method: 'GET', path: itemPath, headers: { ...auth, ...headers } });
    requests.push({ method: 'PUT', path: itemPath, headers: { ...auth, 'Content-Type': 'application/json', ...headers }, body: valid });
  }
  for (const body of ['', 'grant_type=', '{"grant_type":1}', '[]', 'a=%ZZ', '\u0000']) {
    requests.push({ method: 'POST', path: '/oauth/token', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
    requests.push({ method: 'POST', path: '/oauth/token', headers: { 'Content-Type': 'application/json' }, body });
  }
  for (const method of ['TRACE', 'PROPFIND', 'CONNECTX', 'PATCH', 'HEAD', 'OPTIONS']) {
    requests.push({ method, path: SESSIONS, headers: auth });
    requests.push({ method, path: '/', headers: auth });
  }
  return requests;
}

function rawExchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('close', () => resolve(received));
    socket.on('error', () => resolve(received));
    socket.setTimeout(2000, () => socket.destroy());
    socket.end(bytes);
  });
}

describe('malformed requests', () => {
  it('never answers 5xx to at least 200 malformed requests', async () => {
    const token = await t.token();
    const requests = corpus(token);
    expect(requests.length).toBeGreaterThanOrEqual(200);
    const replies = await bounded(
      requests.map((options) => () => send(t.baseUrl, options).catch((error: Error): Reply => ({ status: -1, headers: {}, text: error.message, json: undefined }))),
      8,
    );
    const failures = replies
      .map((reply, i) => ({ reply, request: requests[i] }))
      .filter(({ reply }) => reply.status >= 500 || reply.status < 100)
      .map(({ reply, request }) => `${request.method} ${request.path.slice(0, 80)} → ${reply.status} ${reply.text.slice(0, 120)}`);
    expect(failures).toEqual([]);
    // Sanity: the corpus is not all answered by one early gate.
    expect(new Set(replies.map((r) => r.status)).size).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it('survives garbage on the socket and still serves the next request', async () => {
    const port = Number(new URL(t.baseUrl).port);
    const garbage = ['\u0000\u0001\u0002', 'GET\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', 'POST /oauth/token HTTP/1.1\r\nContent-Length: 5\r\n\r\nab', 'GET /%%% HTTP/1.1\r\nHost: x\r\n\r\n'];
    for (const bytes of garbage) {
      const answer = await rawExchange(port, bytes);
      expect(answer.startsWith('HTTP/1.1 5'), JSON.stringify(bytes)).toBe(false);
    }
    // A client that promises a body and hangs up half-way.
    const cut = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => cut.on('connect', () => resolve()));
    cut.write('POST /data/v3/ed-fi/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"sessionName":');
    cut.destroy();
    expect((await send(t.baseUrl, { path: '/' })).status).toBe(200);
  });
});
