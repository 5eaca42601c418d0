/**
 * The validation worker's body: keeps the loaded definitions it was last sent (by generation), validates
 * one text at a time against them and, when asked, draws the valid call's diagrams. Everything it answers
 * is plain data (findings, the call's summary, SVG texts), so the server thread only forwards it.
 */
import { parentPort } from 'node:worker_threads';
import { buildRepository, validateText, type Repository } from '../../engine/definition/index.ts';
import { DiagramCache } from '../preview/diagram-cache.ts';
import type { ThreadReply, ThreadRequest } from './validation-protocol.ts';

let base: { generation: number; repository: Repository } | undefined;
const diagrams = new DiagramCache();

async function answer(request: Extract<ThreadRequest, { kind: 'validate' }>): Promise<ThreadReply> {
  if (base?.generation !== request.generation) return { kind: 'stale', id: request.id };
  const { findings, call } = validateText(request.text, request.file, base.repository);
  if (call === undefined) return { kind: 'result', id: request.id, findings };
  const { id, version, hash, file, parents, definition } = call;
  const summary = { id, version, hash, file, parents, title: definition.title, year: definition.year, status: definition.status };
  const drawn = request.diagrams ? await diagrams.svgs(call) : [];
  return { kind: 'result', id: request.id, findings, call: summary, diagrams: drawn.map((machine) => ({ key: machine.key, title: machine.title, svg: machine.text })) };
}

parentPort?.on('message', (request: ThreadRequest) => {
  if (request.kind === 'base') {
    base = { generation: request.generation, repository: buildRepository(request.sources.map(([file, text]) => ({ file, text, cache: true }))) };
    return;
  }
  parentPort?.postMessage({ kind: 'started', id: request.id } satisfies ThreadReply);
  answer(request).then(
    (reply) => parentPort?.postMessage(reply),
    () => parentPort?.postMessage({ kind: 'failed', id: request.id } satisfies ThreadReply),
  );
});
