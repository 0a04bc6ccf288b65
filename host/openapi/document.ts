// Assembles the host's OpenAPI 3.0 document for ed-fi/sessions and ed-fi/courseOfferings. Written by us from the seeds and
// CONTRACT.md; it describes this host, so the suite can validate responses against it.
import type { OpenAPIV3 } from 'openapi-types';
import { componentParameters } from './parameters.js';
import { componentResponses } from './responses.js';
import { componentSchemas } from './schemas.js';
import { COURSE_OFFERING_OPENAPI, courseOfferingSchemas } from './course-offerings.js';
import { resourcePaths, sessionPaths } from './paths.js';

export interface OpenApiOptions {
  /** API root as clients see it, no trailing slash. */
  rootUrl: string;
  changeQueries: boolean;
}

function parametersFor(changeQueries: boolean): Record<string, OpenAPIV3.ParameterObject> {
  if (changeQueries) return componentParameters;
  const { MinChangeVersion: _min, MaxChangeVersion: _max, 'Use-Snapshot': _snapshot, ...rest } = componentParameters;
  return rest;
}

export function buildOpenApiDocument(options: OpenApiOptions): OpenAPIV3.Document {
  return {
    openapi: '3.0.1',
    info: {
      title: 'Ed-Fi ODS/API 7.3 sessions and course offerings (conformance reference host)',
      description: 'The ed-fi/sessions and ed-fi/courseOfferings resources of Data Standard 5.2 as served by the embedded reference host.',
      version: '3',
    },
    servers: [{ url: `${options.rootUrl}/data/v3` }],
    paths: { ...sessionPaths({ changeQueries: options.changeQueries }), ...resourcePaths(COURSE_OFFERING_OPENAPI, { changeQueries: options.changeQueries }) },
    components: {
      schemas: { ...componentSchemas, ...courseOfferingSchemas },
      parameters: parametersFor(options.changeQueries),
      responses: componentResponses,
      securitySchemes: {
        oauth2_client_credentials: {
          type: 'oauth2',
          description: 'OAuth 2.0 client credentials grant.',
          flows: { clientCredentials: { tokenUrl: `${options.rootUrl}/oauth/token`, scopes: {} } },
        },
      },
    },
    security: [{ oauth2_client_credentials: [] }],
    tags: [
      { name: 'sessions', description: 'Academic sessions of a school year.' },
      { name: 'courseOfferings', description: 'Courses offered in a session of a school.' },
    ],
  };
}
