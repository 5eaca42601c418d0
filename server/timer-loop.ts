/**
 * The server's timer loop: runs the engine's due timers every few seconds, one run at a time, and
 * stops cleanly (waiting for the run under way) on shutdown.
 */
import type { ServerLog } from './request-log.ts';

/** A running loop. */
export interface TimerLoop {
  /** Runs the due timers now (and waits), unless a run is under way: then waits for that one. */
  runNow(): Promise<void>;
  /** Stops the loop and waits for the run under way. */
  stop(): Promise<void>;
}

/**
 * Starts a loop calling `run` every `intervalMs` (and once at once, to catch up after downtime).
 * A failed run is logged and retried at the next tick; it never stops the loop.
 * @example
 * const loop = startTimerLoop(() => engine.runDueTimers(), 5_000, consoleLog);
 * await loop.stop();
 */
export function startTimerLoop(run: () => Promise<unknown> | unknown, intervalMs: number, log: ServerLog): TimerLoop {
  let current: Promise<void> | undefined;
  let stopped = false;
  const tick = (): Promise<void> => {
    if (current !== undefined) return current;
    current = (async () => {
      try {
        await run();
      } catch (error) {
        log.error(`minuteries : échec d'un passage (${(error as Error).name}), nouvel essai dans ${intervalMs} ms`);
      } finally {
        current = undefined;
      }
    })();
    return current;
  };
  const handle = setInterval(() => {
    if (!stopped) void tick();
  }, intervalMs);
  handle.unref();
  void tick();
  return {
    runNow: tick,
    async stop() {
      stopped = true;
      clearInterval(handle);
      if (current !== undefined) await current;
    },
  };
}
