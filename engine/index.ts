/**
 * @module dispositifs
 * The engine's public API: definitions in, durable instances out. Other modules add one export line each.
 *
 * @example
 * import { createEngine, loadRepository, manualClock, openSqliteStore } from './engine/index.ts';
 * const engine = createEngine({
 *   store: await openSqliteStore({ file: 'data/dispositifs.sqlite' }),
 *   repository: await loadRepository('definitions'),
 *   clock: manualClock(new Date('2024-04-15T10:00:00Z')),
 * });
 */
export { EngineError, assertNever, type EngineErrorCode } from './errors.ts';
export * from './runtime/index.ts';
export { compileCall, CompiledCallCache, type CompiledCall, type CompiledLifecycle, type CompiledMeasure } from './compile/index.ts';
export { openSqliteStore, type Store, type StoreSession, type SqliteStoreOptions } from './store/index.ts';
export { loadRepository, type Repository, type ResolvedCall } from './definition/index.ts';
export { manualClock, systemClock, type Clock, type ManualClock } from './time/index.ts';
