// GET {root}/metadata/data/v3/resources/swagger.json: the host's own OpenAPI document.
import type { Handler } from '../http/types.js';
import { buildOpenApiDocument } from './document.js';

export { buildOpenApiDocument, type OpenApiOptions } from './document.js';

export const openApiDocument: Handler = async (_req, ctx) => ({
  status: 200,
  body: buildOpenApiDocument({ rootUrl: ctx.rootUrl, changeQueries: ctx.settings.changeQueries }),
});
