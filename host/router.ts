// The route table and dispatch: path → route (case-insensitive, as ASP.NET routes), then method,
// authentication for data and change-query paths, the Use-Snapshot write rule, and the handler.
// Order matters: {resource}/deletes, /keyChanges and /partitions come before {resource}/{id}.
import type { HostContext, HostRequest, HostResponse } from './http/types.js';
import { notFoundGeneric, parameterValidationFailed, snapshotWriteNotAllowed, unsupportedMethod } from './http/problems.js';
import { authenticateBearer } from './auth/bearer.js';
import { profileContentTypeProblem } from './http/profile-content-type.js';
import type { TokenStore } from './auth/tokens.js';
import { type ClientRegistry } from './auth/clients.js';
import { tokenEndpoint, tokenInfoEndpoint } from './auth/token-endpoint.js';
import { dependencyOrder, discoveryDocument, metadataIndex } from './routes/discovery.js';
import { collectionMethodNotAllowed, itemMethodNotAllowed } from './routes/method-rules.js';
import { postSession } from './routes/sessions/post.js';
import { putSession } from './routes/sessions/put.js';
import { deleteSessionById } from './routes/sessions/delete.js';
import { getSessionById } from './routes/sessions/get-by-id.js';
import { readOnlyResources } from './routes/dependencies/resources.js';
import { getResourceById, listResource } from './routes/dependencies/read-handlers.js';
import {
  courseOfferingDeletes,
  courseOfferingKeyChanges,
  courseOfferingPartitions,
  deleteCourseOfferingById,
  getCourseOfferingById,
  listCourseOfferings,
  postCourseOffering,
  putCourseOffering,
} from './routes/course-offerings/index.js';
import { deleteSectionById, getSectionById, listSections, postSection } from './routes/sections/index.js';
import { openApiDocument } from './openapi/index.js';
import { availableChangeVersions, listSessions, sessionDeletes, sessionKeyChanges, sessionPartitions } from './queries/index.js';

type RouteHandler = (req: HostRequest, ctx: HostContext, params: string[]) => Promise<HostResponse>;

interface Route {
  pattern: RegExp;
  /** Data and change-query routes need a bearer token. */
  authenticated: boolean;
  methods: Partial<Record<string, RouteHandler>>;
  /** The answer for any other method (default: 405 "does not support the 'X' method"). */
  otherMethod?: (req: HostRequest) => HostResponse;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

export interface RouterDependencies {
  clients: ClientRegistry;
  tokens: TokenStore;
}

const plain = (handler: (req: HostRequest, ctx: HostContext) => Promise<HostResponse>): RouteHandler => (req, ctx) => handler(req, ctx);

function escape(segment: string): string {
  return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function dataPath(resource: string, suffix = ''): RegExp {
  return new RegExp(`^/data/v3/ed-fi/${escape(resource)}${suffix}/?$`, 'i');
}

export function buildRoutes(deps: RouterDependencies): Route[] {
  const token = tokenEndpoint(deps.clients, deps.tokens);
  const tokenInfo = tokenInfoEndpoint(deps.tokens);
  const routes: Route[] = [
    { pattern: /^\/?$/, authenticated: false, methods: { GET: plain(async (_req, ctx) => discoveryDocument(ctx)) } },
    { pattern: /^\/oauth\/token\/?$/i, authenticated: false, methods: { POST: plain(token) } },
    { pattern: /^\/oauth\/token_info\/?$/i, authenticated: false, methods: { POST: plain(tokenInfo) } },
    { pattern: /^\/metadata\/?$/i, authenticated: false, methods: { GET: plain(async (_req, ctx) => metadataIndex(ctx)) } },
    { pattern: /^\/metadata\/data\/v3\/dependencies\/?$/i, authenticated: false, methods: { GET: plain(async () => dependencyOrder()) } },
    {
      pattern: /^\/metadata\/data\/v3\/resources\/swagger\.json$/i,
      authenticated: false,
      methods: { GET: plain(openApiDocument) },
    },
    { pattern: /^\/changeQueries\/v1\/availableChangeVersions\/?$/i, authenticated: true, methods: { GET: plain(availableChangeVersions) } },
    { pattern: dataPath('sessions', '/deletes'), authenticated: true, methods: { GET: plain(sessionDeletes) } },
    { pattern: dataPath('sessions', '/keyChanges'), authenticated: true, methods: { GET: plain(sessionKeyChanges) } },
    { pattern: dataPath('sessions', '/partitions'), authenticated: true, methods: { GET: plain(sessionPartitions) } },
    {
      pattern: dataPath('sessions'),
      authenticated: true,
      methods: { GET: plain(listSessions), POST: plain(postSession) },
      otherMethod: collectionMethodNotAllowed,
    },
    {
      pattern: dataPath('sessions', '/([^/]+)'),
      authenticated: true,
      methods: {
        GET: (req, ctx, [id]) => getSessionById(req, ctx, id),
        PUT: (req, ctx, [id]) => putSession(req, ctx, id),
        DELETE: (req, ctx, [id]) => deleteSessionById(req, ctx, id),
      },
      otherMethod: itemMethodNotAllowed,
    },
    { pattern: dataPath('courseOfferings', '/deletes'), authenticated: true, methods: { GET: plain(courseOfferingDeletes) } },
    { pattern: dataPath('courseOfferings', '/keyChanges'), authenticated: true, methods: { GET: plain(courseOfferingKeyChanges) } },
    { pattern: dataPath('courseOfferings', '/partitions'), authenticated: true, methods: { GET: plain(courseOfferingPartitions) } },
    {
      pattern: dataPath('courseOfferings'),
      authenticated: true,
      methods: { GET: plain(listCourseOfferings), POST: plain(postCourseOffering) },
      otherMethod: collectionMethodNotAllowed,
    },
    {
      pattern: dataPath('courseOfferings', '/([^/]+)'),
      authenticated: true,
      methods: {
        GET: (req, ctx, [id]) => getCourseOfferingById(req, ctx, id),
        PUT: (req, ctx, [id]) => putCourseOffering(req, ctx, id),
        DELETE: (req, ctx, [id]) => deleteCourseOfferingById(req, ctx, id),
      },
      otherMethod: itemMethodNotAllowed,
    },
    // Sections only as a course offering's dependent: no PUT, /partitions or tracked changes.
    { pattern: dataPath('sections'), authenticated: true, methods: { GET: plain(listSections), POST: plain(postSection) }, otherMethod: collectionMethodNotAllowed },
    {
      pattern: dataPath('sections', '/([^/]+)'),
      authenticated: true,
      methods: {
        GET: (req, ctx, [id]) => getSectionById(req, ctx, id),
        DELETE: (req, ctx, [id]) => deleteSectionById(req, ctx, id),
      },
      otherMethod: itemMethodNotAllowed,
    },
  ];
  for (const resource of readOnlyResources) {
    routes.push(
      { pattern: dataPath(resource.name), authenticated: true, methods: { GET: (req, ctx) => listResource(req, ctx, resource) } },
      {
        pattern: dataPath(resource.name, '/([^/]+)'),
        authenticated: true,
        methods: { GET: (req, ctx, [id]) => getResourceById(req, ctx, resource, id) },
      },
    );
  }
  return routes;
}

/** Everything under /data/ and /changeQueries/ needs a token, even paths that match no route. */
function needsAuthentication(path: string): boolean {
  return /^\/(data|changeQueries)(\/|$)/i.test(path);
}

/** Seams that relax authorization act on the authenticated client, so handlers stay unaware. */
function applyAuthSeams(client: NonNullable<HostRequest['client']>, ctx: HostContext): NonNullable<HostRequest['client']> {
  let result = client;
  if (ctx.seams.ignoreEducationOrganizationClaims) result = { ...result, educationOrganizationIds: undefined };
  if (ctx.seams.ignoreClaimActions && result.sessionActions.size > 0) {
    result = { ...result, sessionActions: new Set(['create', 'read', 'update', 'delete'] as const) };
  }
  return result;
}

export function createDispatcher(deps: RouterDependencies) {
  const routes = buildRoutes(deps);
  return async (req: HostRequest, ctx: HostContext): Promise<HostResponse> => {
    let params: string[] = [];
    const route = routes.find((candidate) => {
      const match = candidate.pattern.exec(req.path);
      if (match) params = match.slice(1);
      return match !== null;
    });
    if (route?.authenticated || (!route && needsAuthentication(req.path))) {
      const client = authenticateBearer(req, deps.tokens, { acceptExpired: ctx.seams.acceptExpiredTokens });
      if ('status' in client) return client;
      req = { ...req, client: applyAuthSeams(client, ctx) };
    }
    if (!route) return notFoundGeneric(req.correlationId);
    const nulParameter = [...req.query].find(([, value]) => value.includes('\u0000'));
    if (nulParameter) {
      // PostgreSQL text cannot hold U+0000: refuse it at the door rather than in a query.
      return parameterValidationFailed(req.correlationId, 'The request construction was invalid.', [
        `The query parameter '${nulParameter[0].slice(0, 50)}' contains a NUL character.`,
      ]);
    }
    const handler = route.methods[req.method];
    if (!handler) return route.otherMethod ? route.otherMethod(req) : unsupportedMethod(req.correlationId, req.method);
    if (route.authenticated && WRITE_METHODS.has(req.method) && req.headers['use-snapshot'] !== undefined) {
      return snapshotWriteNotAllowed(req.correlationId);
    }
    if (route.authenticated) {
      const profileProblem = profileContentTypeProblem(req);
      if (profileProblem) return profileProblem;
    }
    return handler(req, ctx, params);
  };
}
