// Course-offering authentication and authorization faults: vendor bugs confined to
// ed-fi/courseOfferings (its collection, items and /partitions; its /deletes and /keyChanges are
// the tracked-change faults' business), so the kill matrix proves the CO- checks of the families
// "authentication" and "authorization" can fail on their own, while sessions stay correct.
//
// Authentication and authorization run inside routing, after the request hook, so a fault that
// lets a caller through does what a host that skipped the check would do: it serves the request
// as a client that is allowed, the newest full-access client the host issued a token to (the
// faults follow the token endpoint's answers; a client's role is its key's prefix, as
// host/auth/clients.ts names them). The other faults rewrite the host's answers.
import { authorizationDenied } from '../../http/problems.js';
import type { HostRequest, HostResponse } from '../../http/types.js';
import type { Fault, FaultHooks } from '../types.js';
import { courseOfferingOperationOf, courseOfferingsPathOf } from './course-offerings.js';
import { hasProblemType, isPlainObject, isTokenRequest, problemBody, responseJson } from './match.js';

/** The operations of ed-fi/courseOfferings these faults touch (OpenAPI names). */
type CoAccessOperation =
  | 'GetCourseOfferings'
  | 'GetCourseOfferingsById'
  | 'PostCourseOffering'
  | 'PutCourseOffering'
  | 'DeleteCourseOfferingById'
  | 'GetCourseOfferingsPartitions';

function coAccessOf(req: HostRequest): CoAccessOperation | undefined {
  const op = courseOfferingOperationOf(req);
  if (op) return op;
  const tail = courseOfferingsPathOf(req);
  return tail?.toLowerCase() === 'partitions' && req.method.toUpperCase() === 'GET' ? 'GetCourseOfferingsPartitions' : undefined;
}

const READS: CoAccessOperation[] = ['GetCourseOfferings', 'GetCourseOfferingsById', 'GetCourseOfferingsPartitions'];
const WRITES: CoAccessOperation[] = ['PostCourseOffering', 'PutCourseOffering', 'DeleteCourseOfferingById'];
const ALL: CoAccessOperation[] = [...READS, ...WRITES];

const isCoAccess = (req: HostRequest, ops: readonly CoAccessOperation[]): boolean => {
  const op = coAccessOf(req);
  return op !== undefined && ops.includes(op);
};

// ---- the tokens the host issued ------------------------------------------------------------

interface IssuedToken {
  /** The client's role: its key up to the first '-' (full, readOnly, noSessionsClaim, otherSchool, shortLived). */
  role: string;
  /** When it runs out (ms since the epoch), as its expires_in announced; undefined when that is no lifetime. */
  expiresAt?: number;
}

/** The client key of a token request: Basic credentials, else client_id in the form or JSON body. */
function tokenRequestKey(req: HostRequest): string | undefined {
  const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
  if (basic) return Buffer.from(basic[1]!, 'base64').toString('utf8').split(':')[0];
  const text = req.body.toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return isPlainObject(parsed) && typeof parsed.client_id === 'string' ? parsed.client_id : undefined;
    } catch {
      return undefined;
    }
  }
  return new URLSearchParams(text).get('client_id') ?? undefined;
}

/** Follows the token endpoint's answers on one host: which token is whose, and when it runs out. */
class TokenBook {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly newest = new Map<string, string>();

  /** onResponse of every request: records a token the host just issued. */
  record(req: HostRequest, res: HostResponse): HostResponse {
    const body = responseJson(res);
    if (!isTokenRequest(req) || res.status !== 200 || !isPlainObject(body) || typeof body.access_token !== 'string') return res;
    const role = tokenRequestKey(req)?.split('-')[0];
    if (!role) return res;
    const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 && body.expires_in <= 86_400 ? body.expires_in : undefined;
    this.tokens.set(body.access_token, { role, expiresAt: lifetime === undefined ? undefined : Date.now() + lifetime * 1000 });
    this.newest.set(role, body.access_token);
    return res;
  }

  /** The bearer token a request carries ('' for an empty one); undefined without a Bearer header. */
  static bearerOf(req: HostRequest): string | undefined {
    const match = /^\s*Bearer(?:\s+(.*))?$/i.exec(req.headers.authorization ?? '');
    return match ? (match[1] ?? '').trim() : undefined;
  }

  /** Who the request's token was issued to; undefined for no token, another scheme or a token the host never issued. */
  holder(req: HostRequest): IssuedToken | undefined {
    const token = TokenBook.bearerOf(req);
    return token ? this.tokens.get(token) : undefined;
  }

  /** The newest token of this role that has not run out. */
  live(role: string): string | undefined {
    const token = this.newest.get(role);
    const issued = token === undefined ? undefined : this.tokens.get(token);
    return issued && (issued.expiresAt === undefined || issued.expiresAt > Date.now()) ? token : undefined;
  }

  /** The request as the newest full-access client sends it; unchanged when the host issued none yet. */
  asFullClient(req: HostRequest): HostRequest {
    const token = this.live('full');
    return token === undefined ? req : { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } };
  }
}

/**
 * Hooks that serve a course-offering request as the full client when `letThrough` says so, given
 * who holds the request's token (undefined: nobody the host issued it to).
 */
function servedAsFullClient(ops: readonly CoAccessOperation[], letThrough: (holder: IssuedToken | undefined, req: HostRequest) => boolean): () => FaultHooks {
  return () => {
    const book = new TokenBook();
    return {
      onRequest: (req) => (isCoAccess(req, ops) && letThrough(book.holder(req), req) ? book.asFullClient(req) : req),
      onResponse: (req, res) => book.record(req, res),
    };
  };
}

/**
 * Whether the token has run out, or will within a second: the host counts its lifetime from a moment
 * before this book saw the answer, so without the margin a request could fall between the two.
 */
const EXPIRY_MARGIN_MS = 1_000;
const expired = (holder: IssuedToken | undefined): boolean => holder?.expiresAt !== undefined && holder.expiresAt - EXPIRY_MARGIN_MS <= Date.now();

// ---- requirement lists ---------------------------------------------------------------------

const NO_CLAIM = ['CO-GET-403-NO-CLAIM', 'CO-GETBYID-403-NO-CLAIM', 'CO-POST-403-NO-CLAIM', 'CO-PUT-403-NO-CLAIM', 'CO-DELETE-403-NO-CLAIM', 'CO-PART-403-NO-CLAIM'];
const READ_ONLY = ['CO-POST-403-READ-ONLY', 'CO-PUT-403-READ-ONLY', 'CO-DELETE-403-READ-ONLY'];
const OTHER_SCHOOL_WRITES = ['CO-POST-403-OTHER-SCHOOL', 'CO-PUT-403-OTHER-SCHOOL', 'CO-DELETE-403-OTHER-SCHOOL'];

export const courseOfferingAuthFaults: Fault[] = [
  {
    id: 'CoAnonymousReadsServed',
    description: 'Course offerings are listed, read by id and partitioned for a caller without a usable bearer token (no header, another scheme, an empty or unknown token).',
    models: 'Read actions of one controller left open to anonymous callers (an [AllowAnonymous] left on them) and served under a default service identity.',
    violates: ['CO-GET-401-UNAUTHENTICATED', 'CO-GETBYID-401-UNAUTHENTICATED', 'CO-PART-401-UNAUTHENTICATED'],
    perHost: servedAsFullClient(READS, (holder) => holder === undefined),
  },
  {
    id: 'CoUnauthenticatedWritesAnswer403',
    description: 'A POST, PUT or DELETE of a course offering without a usable bearer token answers 403 security:authorization instead of 401.',
    models: "A write pipeline that runs the claim check before it enforces authentication, so an anonymous caller is reported as 'not authorized'.",
    violates: ['CO-POST-401-UNAUTHENTICATED', 'CO-PUT-401-UNAUTHENTICATED', 'CO-DELETE-401-UNAUTHENTICATED'],
    onResponse: (req, res) =>
      isCoAccess(req, WRITES) && res.status === 401 && hasProblemType(res, 'urn:ed-fi:api:security:authentication')
        ? authorizationDenied(String(problemBody(res)?.correlationId ?? req.correlationId), ['No claim set is assigned to the caller.'])
        : res,
  },
  {
    id: 'CoExpiredTokenAccepted',
    description: 'A bearer token past its announced lifetime still works on course offerings.',
    models: 'A resource served behind a cache of token validations that keeps a token valid for longer than it lives.',
    violates: ['CO-AUTH-401-EXPIRED-TOKEN'],
    perHost: servedAsFullClient(ALL, (holder) => expired(holder) && (holder?.role === 'shortLived' || holder?.role === 'full')),
  },
  {
    id: 'CoClaimNotChecked',
    description: 'A client whose claim set has no courseOffering claim may read, list, partition, create, update and delete course offerings.',
    models: 'A resource missing from the claim-set mapping, which the authorization layer treats as "no claim required" instead of "denied".',
    violates: NO_CLAIM,
    perHost: servedAsFullClient(ALL, (holder) => holder?.role === 'noSessionsClaim'),
  },
  {
    id: 'CoNoClaimListEmpty',
    description: 'GET-many of course offerings by a client without the courseOffering claim answers 200 with an empty array instead of 403.',
    models: 'A claim check written as a filter of the list query, which matches nothing instead of refusing the request.',
    violates: ['CO-GET-403-NO-CLAIM'],
    onResponse: (req, res) =>
      isCoAccess(req, ['GetCourseOfferings']) && res.status === 403 && hasProblemType(res, 'urn:ed-fi:api:security:authorization')
        ? { status: 200, headers: {}, body: [] }
        : res,
  },
  {
    id: 'CoReadOnlyMayWrite',
    description: 'A client whose courseOffering claim allows reading only may POST, PUT and DELETE course offerings.',
    models: 'A resource claim granted with every action by a claim-set migration that copied the read action to create, update and delete.',
    violates: READ_ONLY,
    perHost: servedAsFullClient(WRITES, (holder) => holder?.role === 'readOnly'),
  },
  {
    id: 'CoReadOnlyCannotRead',
    description: 'A client whose courseOffering claim allows reading only is refused (403) on course-offering GETs too.',
    models: 'An action check that asks for the full set of actions on a resource instead of the action the method needs.',
    violates: ['CO-AUTH-READ-ONLY-CAN-READ'],
    perHost: () => {
      const book = new TokenBook();
      return {
        onRequest: (req) =>
          isCoAccess(req, READS) && book.holder(req)?.role === 'readOnly'
            ? authorizationDenied(req.correlationId, ["The API client's assigned claim set does not allow the 'Update' action on the 'http://ed-fi.org/identity/claims/ed-fi/courseOffering' resource."])
            : req,
        onResponse: (req, res) => book.record(req, res),
      };
    },
  },
  {
    id: 'CoOtherSchoolItemsReadable',
    description: "A client whose education-organization claim covers another school only may read the primary school's course offerings by id.",
    models: 'Relationship-based authorization applied to the list query of a resource but not to its GET by id.',
    violates: ['CO-GETBYID-403-OTHER-SCHOOL'],
    perHost: servedAsFullClient(['GetCourseOfferingsById'], (holder) => holder?.role === 'otherSchool'),
  },
  {
    id: 'CoOtherSchoolWritesAllowed',
    description: "A client whose education-organization claim covers another school only may create, update and delete the primary school's course offerings.",
    models: "A resource whose create, update and delete actions are mapped to 'no further authorization' instead of the relationship-based strategy its reads use.",
    violates: OTHER_SCHOOL_WRITES,
    perHost: servedAsFullClient(WRITES, (holder) => holder?.role === 'otherSchool'),
  },
  {
    id: 'CoForbiddenWithoutProblemType',
    description: 'Course offerings answer every 403 with a bare {"message":"Forbidden"} instead of the security:authorization problem.',
    models: 'A gateway or authorization middleware in front of one resource that renders its own 403 body.',
    violates: [...NO_CLAIM, ...READ_ONLY, 'CO-GETBYID-403-OTHER-SCHOOL', ...OTHER_SCHOOL_WRITES],
    onResponse: (req, res) =>
      isCoAccess(req, ALL) && res.status === 403
        ? { status: 403, headers: {}, body: { message: 'Forbidden' } }
        : res,
  },
];
