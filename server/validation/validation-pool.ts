/**
 * Validation off the server thread: one worker validates the posted texts one at a time, under a time
 * limit and a memory limit, so that no text (however large or hostile) holds the server's other requests.
 * A text over a limit gets a located French finding; the worker is then replaced. Waiting texts are
 * bounded: beyond them the server answers 503 with `Retry-After`.
 */
import { Worker } from 'node:worker_threads';
import type { Finding, Repository } from '../../engine/definition/index.ts';
import { httpProblem } from '../problem.ts';
import type { TextValidation, ThreadReply, ThreadRequest } from './validation-protocol.ts';

/** The bounds of a validation (stated in the README, « Limites d'un fichier YAML »). */
export const VALIDATION_LIMITS = {
  /** Wall-clock time one validation may take in the worker (a 1 Mio definition takes about 1 s). */
  timeMs: 10_000,
  /**
   * Wall-clock time a worker may take to start and load the definitions before it begins a text (not the
   * text's fault: a loaded machine starts slowly, and counting it against the text would refuse it, then
   * restart the worker for the next one, and refuse that one too).
   */
  startMs: 120_000,
  /** Heap of the worker, in Mio. */
  heapMb: 512,
  /** Texts waiting for the worker, beyond the one it validates. */
  waiting: 8,
} as const;

/** What to validate: a text under a file name, against the loaded definitions. */
export interface ValidationRequest {
  text: string;
  file: string;
  repository: Repository;
  /** Draw the diagrams of a valid call (the editor shows them). */
  diagrams: boolean;
}

/** Validates a text (the pool's `validate`, or any function with the same contract). */
export type TextValidator = (request: ValidationRequest) => Promise<TextValidation>;

interface Job {
  request: ValidationRequest;
  resolve(result: TextValidation): void;
}

const ENTRY = new URL('./validation-thread.js', import.meta.url);

/** One worker, started on first use and replaced after a validation that crossed a limit. */
export class ValidationPool {
  private worker: Worker | undefined;
  private sentGeneration = -1;
  private readonly generations = new WeakMap<Repository, number>();
  private nextGeneration = 0;
  private nextId = 0;
  private readonly queue: Job[] = [];
  private current: { id: number; job: Job; timer: NodeJS.Timeout } | undefined;
  private readonly limits: { timeMs: number; startMs: number; heapMb: number; waiting: number };

  /** A pool under `VALIDATION_LIMITS`, or tighter ones (tests). */
  constructor(limits: Partial<Record<keyof typeof VALIDATION_LIMITS, number>> = {}) {
    this.limits = { ...VALIDATION_LIMITS, ...limits };
  }

  /**
   * Validates `request.text` in the worker.
   * @example
   * const { findings, call } = await pool.validate({ text, file: 'brouillon.yaml', repository, diagrams: false });
   */
  validate: TextValidator = (request) => {
    if (this.queue.length >= this.limits.waiting) {
      throw httpProblem('validations-en-attente', `Trop de validations attendent déjà leur tour (${this.limits.waiting}) ; réessayez dans quelques secondes.`, {}, { 'retry-after': '5' });
    }
    return new Promise<TextValidation>((resolve) => {
      this.queue.push({ request, resolve });
      this.dispatch();
    });
  };

  /** Stops the worker (a validation under way gets no answer). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private generationOf(repository: Repository): number {
    let generation = this.generations.get(repository);
    if (generation === undefined) {
      generation = this.nextGeneration++;
      this.generations.set(repository, generation);
    }
    return generation;
  }

  private start(): Worker {
    const worker = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb }, stdout: false, stderr: false });
    worker.unref();
    worker.on('message', (reply: ThreadReply) => (reply.kind === 'started' ? this.begin(reply.id) : this.settle(reply.id, reply.kind === 'result' ? reply : undefined)));
    // Out of memory, or a crash: the text under way gets a finding, the next one a new worker.
    worker.on('error', () => this.fail(worker, 'validation-trop-couteuse', 'La validation de ce texte demande plus de mémoire que permis : réduisez-le (les limites sont dans le README).'));
    worker.on('exit', () => this.fail(worker, 'validation-interrompue', 'La validation de ce texte a été interrompue ; réessayez, ou réduisez le texte.'));
    this.sentGeneration = -1;
    return worker;
  }

  private dispatch(): void {
    if (this.current !== undefined) return;
    const job = this.queue.shift();
    if (job === undefined) return;
    this.worker ??= this.start();
    const worker = this.worker;
    const generation = this.generationOf(job.request.repository);
    if (this.sentGeneration !== generation) {
      const sources = [...job.request.repository.sources];
      worker.postMessage({ kind: 'base', generation, sources } satisfies ThreadRequest);
      this.sentGeneration = generation;
    }
    const id = this.nextId++;
    const { text, file, diagrams } = job.request;
    const timer = setTimeout(() => {
      this.fail(worker, 'validation-interrompue', `Le service de validation n'a pas démarré dans les ${this.limits.startMs / 1000} secondes ; réessayez dans un moment.`);
    }, this.limits.startMs);
    timer.unref();
    this.current = { id, job, timer };
    worker.postMessage({ kind: 'validate', id, generation, text, file, diagrams } satisfies ThreadRequest);
  }

  /** The worker began the text under way: its own time limit starts now. */
  private begin(id: number): void {
    const current = this.current;
    const worker = this.worker;
    if (current === undefined || current.id !== id || worker === undefined) return;
    clearTimeout(current.timer);
    current.timer = setTimeout(() => {
      this.fail(worker, 'validation-trop-longue', `La validation de ce texte dépasse ${this.limits.timeMs / 1000} secondes : réduisez-le ou découpez-le (pièces partagées avec use).`);
    }, this.limits.timeMs);
    current.timer.unref();
  }

  private settle(id: number, result: TextValidation | undefined): void {
    const current = this.current;
    if (current === undefined || current.id !== id) return;
    clearTimeout(current.timer);
    this.current = undefined;
    current.job.resolve(result ?? refusal(current.job.request.file, 'validation-impossible', 'La validation de ce texte a échoué de façon inattendue ; le problème est noté côté serveur.'));
    this.dispatch();
  }

  /** Ends the validation under way with a finding and replaces the worker. */
  private fail(worker: Worker, code: string, message: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    void worker.terminate();
    const current = this.current;
    if (current !== undefined) {
      clearTimeout(current.timer);
      this.current = undefined;
      current.job.resolve(refusal(current.job.request.file, code, message));
    }
    this.dispatch();
  }
}

function refusal(file: string, code: string, message: string): TextValidation {
  const finding: Finding = { code, severity: 'error', message, file, line: 1, column: 1, path: '' };
  return { findings: [finding] };
}
