import { describe, expect, it } from 'vitest';
import { silentLog } from '../../server/request-log.ts';
import { startTimerLoop } from '../../server/timer-loop.ts';

describe('timer loop', () => {
  it('runs once at start (catching up after downtime) and never two runs at once', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const loop = startTimerLoop(
      async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        runs++;
      },
      60_000,
      silentLog,
    );
    await Promise.all([loop.runNow(), loop.runNow(), loop.runNow()]);
    expect(runs).toBe(1);
    expect(maxRunning).toBe(1);
    await loop.runNow();
    expect(runs).toBe(2);
    await loop.stop();
  });

  it('waits for the run under way when stopped, and survives a failing run', async () => {
    const lines: string[] = [];
    let finished = false;
    let calls = 0;
    const loop = startTimerLoop(
      async () => {
        calls++;
        if (calls === 1) throw new Error('données du ménage X');
        await new Promise((resolve) => setTimeout(resolve, 5));
        finished = true;
      },
      60_000,
      { info: () => {}, error: (line) => lines.push(line) },
    );
    await loop.runNow();
    void loop.runNow();
    await loop.stop();
    expect(finished).toBe(true);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('ménage X');
  });
});
