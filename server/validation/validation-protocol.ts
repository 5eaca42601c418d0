/**
 * The messages between the server thread and the validation worker (structured-clone data only).
 */
import type { Finding } from '../../engine/definition/index.ts';

/** A valid call as the validation doors show it. */
export interface ValidatedCall {
  id: string;
  version: number;
  hash: string;
  file: string;
  parents: string[];
  title: string;
  year: number;
  status: string;
}

/** What validating one text gives: its findings and, when it is a valid call, its summary and diagrams. */
export interface TextValidation {
  findings: Finding[];
  call?: ValidatedCall;
  diagrams?: Array<{ key: string; title: string; svg: string }>;
}

/** Server thread → worker: the loaded definitions (once per generation), then texts to validate. */
export type ThreadRequest =
  | { kind: 'base'; generation: number; sources: Array<[string, string]> }
  | { kind: 'validate'; id: number; generation: number; text: string; file: string; diagrams: boolean };

/** Worker → server thread. */
export type ThreadReply =
  /** The worker begins the text (loaded, its base built): from here the time limit runs. */
  | { kind: 'started'; id: number }
  | ({ kind: 'result'; id: number } & TextValidation)
  | { kind: 'stale'; id: number }
  | { kind: 'failed'; id: number };
