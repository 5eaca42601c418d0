/**
 * Errors of the HTTP layer that are the client's doing: a body the HTTP parser could not read (a malformed
 * chunk, a length that lies) or a connection the client closed mid-body. Node's parser has already answered
 * 400 on the socket; the request that was reading the body then fails with one of these, which must be
 * logged as the client error it is, not as an internal error.
 */

/** True when `error` comes from the client's side of the HTTP exchange (aborted, or unparsable by Node). */
export function isClientHttpError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || code.startsWith('HPE_') || error.message === 'aborted' || error.name === 'AbortError';
}
