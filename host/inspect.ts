// Test-only inspection of a running host, for the self-test's persona matrix: every access token
// the host handed out (as the client received it, after any fault rewrote it), so outputs can be
// searched for fragments of them; and the sessions, course offerings and sections stored right now, so a run
// can be checked for leftovers. Nothing here changes what the host answers.
import type { Db } from './db/db.js';
import type { HostRequest, HostResponse } from './http/types.js';

export interface StoredItem {
  /** As the API renders it: 32 lowercase hex digits. */
  id: string;
  /** The natural-key name: sessionName, localCourseCode for a course offering, sectionIdentifier for a section. */
  name: string;
}

export interface HostInspector {
  /** Every access_token a 200 from POST /oauth/token carried, oldest first. */
  issuedTokens(): readonly string[];
  storedItems(): Promise<{ sessions: StoredItem[]; courseOfferings: StoredItem[]; sections: StoredItem[] }>;
}

function isTokenRequest(req: HostRequest): boolean {
  return req.method.toUpperCase() === 'POST' && /^\/oauth\/token\/?$/i.test(req.path);
}

function accessTokenOf(res: HostResponse): string | undefined {
  let body = res.body;
  if (Buffer.isBuffer(body)) {
    try {
      body = JSON.parse(body.toString('utf8'));
    } catch {
      return undefined;
    }
  }
  const token = (body as { access_token?: unknown } | undefined)?.access_token;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

/** Wraps the outermost dispatch (faults included) so issued tokens are seen as clients see them. */
export function inspectHost(db: Db, dispatch: (req: HostRequest) => Promise<HostResponse>): { inspector: HostInspector; dispatch: typeof dispatch } {
  const issued: string[] = [];
  const items = async (sql: string): Promise<StoredItem[]> =>
    (await db.query<StoredItem>(sql)).rows.map((row) => ({ id: String(row.id).replace(/-/g, ''), name: String(row.name) }));
  return {
    inspector: {
      issuedTokens: () => [...issued],
      storedItems: async () => ({
        sessions: await items('SELECT id::text AS id, sessionname AS name FROM edfi.session ORDER BY aggregateid'),
        courseOfferings: await items('SELECT id::text AS id, localcoursecode AS name FROM edfi.courseoffering ORDER BY aggregateid'),
        sections: await items('SELECT id::text AS id, sectionidentifier AS name FROM edfi.section ORDER BY createdate, id'),
      }),
    },
    dispatch: async (req) => {
      const res = await dispatch(req);
      if (res.status === 200 && isTokenRequest(req)) {
        const token = accessTokenOf(res);
        if (token !== undefined) issued.push(token);
      }
      return res;
    },
  };
}
