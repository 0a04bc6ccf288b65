// GET {root}/ (CONTRACT.md §7): the anonymous version document. urls.changeQueries appears only
// while the ChangeQueries feature is on.
import type { HostContext, HostResponse } from '../http/types.js';

export function discoveryDocument(ctx: HostContext): HostResponse {
  const root = ctx.rootUrl;
  const urls: Record<string, string> = {
    dependencies: `${root}/metadata/data/v3/dependencies`,
    openApiMetadata: `${root}/metadata/`,
    oauth: `${root}/oauth/token`,
    oauthTokenIntrospection: `${root}/oauth/token_info`,
    dataManagementApi: `${root}/data/v3/`,
    xsdMetadata: `${root}/metadata/xsd`,
  };
  if (ctx.settings.changeQueries) urls.changeQueries = `${root}/changeQueries/v1/`;
  urls.composites = `${root}/composites/v1/`;
  return {
    status: 200,
    body: {
      version: '7.3',
      applicationName: 'Ed-Fi Alliance ODS/API',
      informationalVersion: '7.3.2',
      suite: '3',
      build: '7.3.0.0',
      dataModels: [{ name: 'Ed-Fi', version: '5.2.0', informationalVersion: 'The Ed-Fi Data Model 5.2' }],
      urls,
    },
  };
}

/** GET {root}/metadata/: the OpenAPI sections the host publishes (ODS lists them the same way). */
export function metadataIndex(ctx: HostContext): HostResponse {
  return {
    status: 200,
    body: [{ name: 'Resources', endpointUri: `${ctx.rootUrl}/metadata/data/v3/resources/swagger.json`, prefix: '' }],
  };
}

/** GET {root}/metadata/data/v3/dependencies: the load order of what this host serves, ODS-style. */
export function dependencyOrder(): HostResponse {
  const order: Array<[string, number, string[]]> = [
    ['/ed-fi/gradingPeriodDescriptors', 1, []],
    ['/ed-fi/schoolYearTypes', 1, []],
    ['/ed-fi/termDescriptors', 1, []],
    ['/ed-fi/schools', 2, []],
    ['/ed-fi/academicWeeks', 3, []],
    ['/ed-fi/courses', 3, []],
    ['/ed-fi/gradingPeriods', 3, []],
    ['/ed-fi/sessions', 4, ['Create', 'Update']],
    ['/ed-fi/courseOfferings', 5, ['Create', 'Update']],
  ];
  return { status: 200, body: order.map(([resource, rank, operations]) => ({ resource, order: rank, operations })) };
}
