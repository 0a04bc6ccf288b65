// Fault composition (host/faults/compose.ts): hooks run like middleware (requests in the order the
// faults are given, responses in reverse), a fault that answers itself skips what lies beneath it,
// seams merge, conflicting or incompatible faults are refused; and a host started with several
// faults shows every one of them, from startHost and from the `npm run host` flags.
import { describe, expect, it } from 'vitest';
import { composeFaults, FaultCompositionError } from '../../host/faults/compose.js';
import { requireFaults } from '../../host/faults/index.js';
import type { Fault } from '../../host/faults/types.js';
import type { HostRequest, HostResponse } from '../../host/http/types.js';
import { parseHostArgs } from '../../host/cli-args.js';
import { startHost } from '../../host/index.js';

const request = (path = '/data/v3/ed-fi/sessions'): HostRequest => ({
  method: 'GET',
  path,
  query: new URLSearchParams(),
  headers: {},
  body: Buffer.alloc(0),
  correlationId: 'c',
});

/** A fault that records its request and response hooks in `trace`, tagging the headers. */
function tracer(id: string, trace: string[], extra: Partial<Fault> = {}): Fault {
  return {
    id,
    description: `${id} traces its hooks`,
    models: 'a test double that records the order of its hooks',
    violates: ['SES-GET-200-LIST'],
    onRequest: (req) => {
      trace.push(`req ${id}`);
      return { ...req, headers: { ...req.headers, seen: `${req.headers.seen ?? ''}${id}` } };
    },
    onResponse: (_req, res) => {
      trace.push(`res ${id}`);
      return { ...res, headers: { ...res.headers, order: `${res.headers?.order ?? ''}${id}` } };
    },
    ...extra,
  };
}

describe(composeFaults.name, () => {
  it('should run request hooks in order and response hooks in reverse order around dispatch', async () => {
    const trace: string[] = [];
    let seenByHost = '';
    const dispatch = composeFaults([tracer('A', trace), tracer('B', trace), tracer('C', trace)]).wrap(async (req) => {
      trace.push('host');
      seenByHost = req.headers.seen ?? '';
      return { status: 200, headers: {} };
    });
    const res = await dispatch(request());
    expect(trace).toEqual(['req A', 'req B', 'req C', 'host', 'res C', 'res B', 'res A']);
    expect(seenByHost).toBe('ABC');
    expect(res.headers?.order).toBe('CBA');
  });

  it('should hand an answer a fault gives itself back through the faults before it only', async () => {
    const trace: string[] = [];
    const answering = tracer('B', trace, {
      onRequest: (): HostResponse => {
        trace.push('req B answers');
        return { status: 418 };
      },
    });
    let hostCalled = false;
    const res = await composeFaults([tracer('A', trace), answering, tracer('C', trace)]).wrap(async () => {
      hostCalled = true;
      return { status: 200 };
    })(request());
    expect(res.status).toBe(418);
    expect(hostCalled).toBe(false);
    expect(trace).toEqual(['req A', 'req B answers', 'res A']);
  });

  it('should merge the seams of the faults', () => {
    const composed = composeFaults([
      tracer('A', [], { seams: { ignoreIfMatch: true } }),
      tracer('B', [], { seams: { acceptExpiredTokens: true } }),
      tracer('C', [], { seams: { ignoreIfMatch: true } }),
    ]);
    expect(composed.seams).toEqual({ ignoreIfMatch: true, acceptExpiredTokens: true });
    expect(composed.ids).toEqual(['A', 'B', 'C']);
  });

  it('should refuse two faults that set one seam to different values, naming both', () => {
    const compose = () => composeFaults([tracer('A', [], { seams: { ignoreIfMatch: true } }), tracer('B', [], { seams: { ignoreIfMatch: false } })]);
    expect(compose).toThrow(FaultCompositionError);
    expect(compose).toThrow(/'A' and 'B' set the seam 'ignoreIfMatch'/);
  });

  it('should refuse faults declared incompatible, whichever of the two declares it', () => {
    expect(() => composeFaults([tracer('A', [], { incompatibleWith: ['B'] }), tracer('B', [])])).toThrow(/'A' and 'B' are incompatible/);
    expect(() => composeFaults([tracer('B', []), tracer('A', [], { incompatibleWith: ['B'] })])).toThrow(FaultCompositionError);
  });

  it('should refuse a fault given twice', () => {
    expect(() => composeFaults([tracer('A', []), tracer('A', [])])).toThrow(/'A' is given twice/);
  });

  it('should give per-host faults fresh state for each wrap, and the dispatch beneath them', async () => {
    let made = 0;
    const counting: Fault = {
      ...tracer('P', []),
      onRequest: undefined,
      onResponse: undefined,
      perHost: ({ inner }) => {
        made += 1;
        let calls = 0;
        return {
          onRequest: async (req) => {
            calls += 1;
            const peek = await inner({ ...req, path: '/peek' });
            return { ...req, headers: { calls: String(calls), peeked: String(peek.status) } };
          },
        };
      },
    };
    const composed = composeFaults([counting]);
    const host = async (req: HostRequest): Promise<HostResponse> => ({ status: req.path === '/peek' ? 299 : 200, headers: req.headers });
    const first = composed.wrap(host);
    const second = composed.wrap(host);
    await first(request());
    expect((await first(request())).headers).toEqual({ calls: '2', peeked: '299' });
    expect((await second(request())).headers).toEqual({ calls: '1', peeked: '299' });
    expect(made).toBe(2);
  });
});

describe('catalogue combinations', () => {
  it('should refuse NoEtagsAnywhere with another ETag fault, and UseSnapshotIgnored with another snapshot fault', () => {
    expect(() => requireFaults(['NoEtagsAnywhere', 'EtagUnquoted'])).toThrow(FaultCompositionError);
    expect(() => requireFaults(['SnapshotWritesAllowed', 'UseSnapshotIgnored'])).toThrow(FaultCompositionError);
    expect(() => requireFaults(['ChangeQueriesAnswer500', 'DeletesNotTracked'])).toThrow(FaultCompositionError);
  });
});

describe('npm run host -- with several faults', () => {
  it('should keep one --fault as before and collect several, in order, from --fault and --faults', () => {
    expect(parseHostArgs(['--fault', 'EtagUnquoted'])).toMatchObject({ fault: 'EtagUnquoted' });
    expect(parseHostArgs(['--fault', 'A', '--faults', 'B,C', '--fault=D']).faults).toEqual(['A', 'B', 'C', 'D']);
  });

  it('should refuse an empty --faults and a --fault followed by another flag', () => {
    expect(() => parseHostArgs(['--faults', ','])).toThrow(/comma-separated/);
    expect(() => parseHostArgs(['--fault', '--quiet'])).toThrow(/needs a fault id/);
  });
});

describe('startHost with several faults', () => {
  it('should show each fault, report them all, and record the tokens it issued', async () => {
    const host = await startHost({ faults: ['MissingTokenAnswers400', 'ReferenceFiltersRefused', 'JwtTokensAbsoluteExpiresIn'], quiet: true });
    try {
      expect(host.faultIds).toEqual(['MissingTokenAnswers400', 'ReferenceFiltersRefused', 'JwtTokensAbsoluteExpiresIn']);
      expect(host.faultId).toBeUndefined();
      const { key, secret } = host.clients.full;
      const tokenRes = await fetch(`${host.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      const token = ((await tokenRes.json()) as { access_token: string }).access_token;
      expect(host.inspect.issuedTokens()).toEqual([token]);
      const get = (path: string, auth?: string) => fetch(`${host.baseUrl}${path}`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} }).then((r) => r.status);
      expect(await get('/data/v3/ed-fi/sessions?limit=1')).toBe(400);
      expect(await get('/data/v3/ed-fi/sessions?schoolId=255901001', token)).toBe(400);
      expect(await get('/data/v3/ed-fi/sessions?limit=1', token)).toBe(200);
      const stored = await host.inspect.storedItems();
      expect(stored.sessions.every((s) => /^[0-9a-f]{32}$/.test(s.id))).toBe(true);
    } finally {
      await host.stop();
    }
  });

  it('should switch its faults without a restart, keeping its data, and keep them on a refused switch', async () => {
    const host = await startHost({ quiet: true });
    try {
      const unauthenticated = () => fetch(`${host.baseUrl}/data/v3/ed-fi/sessions?limit=1`).then((r) => r.status);
      const before = await host.inspect.storedItems();
      expect(await unauthenticated()).toBe(401);
      host.setFaults(['MissingTokenAnswers400']);
      expect(host.faultId).toBe('MissingTokenAnswers400');
      expect(await unauthenticated()).toBe(400);
      expect(() => host.setFaults(['NoSuchFault'])).toThrow(/Unknown fault/);
      expect(() => host.setFaults(['NoEtagsAnywhere', 'EtagUnquoted'])).toThrow(/incompatible/);
      expect(await unauthenticated()).toBe(400);
      host.setFaults([]);
      expect(host.faultIds).toEqual([]);
      expect(await unauthenticated()).toBe(401);
      expect(await host.inspect.storedItems()).toEqual(before);
    } finally {
      await host.stop();
    }
  });

  it('should refuse an incompatible combination before opening anything', async () => {
    await expect(startHost({ fault: 'NoEtagsAnywhere', faults: ['IfNoneMatchIgnored'], quiet: true })).rejects.toThrow(/incompatible/);
  });
});
