/**
 * The API documentation page at `/docs`: Swagger UI served from the installed `swagger-ui-dist` files,
 * under a Content-Security-Policy that allows nothing but this server (no CDN, no validator badge).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

/** What the page allows itself to load: only this server (Swagger UI sets inline styles; images may be data:). */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const PAGE = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API dispositifs : documentation</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<noscript>Cette page a besoin de JavaScript ; la description brute de l’API est à <a href="/openapi.json">/openapi.json</a>.</noscript>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

// validatorUrl: null keeps Swagger UI from calling validator.swagger.io.
const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: false,
  persistAuthorization: false,
});
`;

/**
 * The documentation sub-app, to mount at `/docs`.
 * @example
 * app.route('/docs', docsPage());
 */
export function docsPage(): Hono {
  const app = new Hono();
  const root = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const cache = new Map<string, Promise<Buffer>>();
  const asset = (name: string): Promise<Buffer> => {
    let content = cache.get(name);
    if (content === undefined) {
      content = readFile(join(root, name));
      cache.set(name, content);
    }
    return content;
  };
  app.use('*', async (c, next) => {
    await next();
    c.header('content-security-policy', DOCS_CSP);
    c.header('x-content-type-options', 'nosniff');
  });
  app.get('/', (c) => c.html(PAGE));
  app.get('/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  for (const [name, type] of Object.entries(ASSETS)) {
    app.get(`/${name}`, async (c) => {
      const content = await asset(name);
      return c.body(new Uint8Array(content), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
    });
  }
  return app;
}
