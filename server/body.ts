/**
 * Request bodies: a size limit (413), the content type (415) and JSON syntax (400), as problems.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { httpProblem } from './problem.ts';

/** The default limit of a request body: 1 MiB is far above any event or definition. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Refuses a body larger than `maxSize` bytes with a 413 problem, before reading it. A declared
 * `Content-Length` is checked from the header alone (touching the body stream would cost the adapter a
 * full web `Request`); a body sent without one is counted as it streams in (hono's `bodyLimit`).
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  const tooLarge = (): never => {
    // The rest of the body is still on the wire: the connection cannot carry another request.
    throw httpProblem('corps-trop-volumineux', `Le corps de la requête dépasse ${formatBytes(maxSize)}.`, {}, { connection: 'close' });
  };
  const streamed = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next);
    if (!/^\d{1,15}$/.test(length) || Number(length) > maxSize) tooLarge();
    return next();
  };
}

/** The media type of the request, lower-cased, without parameters (`''` when absent). */
export function mediaTypeOf(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

/**
 * Reads a JSON body: 415 unless the content type is JSON, 400 with the position when it does not parse.
 * @example
 * const body = await readJson(c);
 */
export async function readJson(c: Context): Promise<unknown> {
  const mediaType = mediaTypeOf(c);
  if (!isJson(mediaType)) {
    throw httpProblem(
      'type-de-contenu-non-supporte',
      `Ce point d’accès attend du JSON (Content-Type: application/json), reçu « ${mediaType || 'aucun'} ».`,
    );
  }
  const text = await c.req.text();
  if (text.trim() === '') throw httpProblem('json-invalide', 'Le corps de la requête est vide ; envoyez un objet JSON.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // V8's message may quote the body: keep only the position, never the content.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? '' : ` (position ${position})`;
    throw httpProblem('json-invalide', `Le corps n’est pas du JSON valide${where} ; vérifiez la syntaxe.`);
  }
}

/** Media types accepted for a YAML body. */
export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'] as const;

/** Reads a YAML (text) body: 415 unless the content type is one of {@link YAML_MEDIA_TYPES}. */
export async function readYamlText(c: Context): Promise<string> {
  const mediaType = mediaTypeOf(c);
  if (!(YAML_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
    throw httpProblem(
      'type-de-contenu-non-supporte',
      `Ce point d’accès attend du YAML (Content-Type: application/yaml), reçu « ${mediaType || 'aucun'} ».`,
    );
  }
  return c.req.text();
}

/** True when the value is a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} Mio`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} Kio`;
  return `${bytes} octets`;
}
