/**
 * A short run of the OpenAPI fuzzer (`bench/fuzz-api.ts` runs 10 000 requests and more): every operation
 * of `/openapi.json`, odd ids, bodies and headers under every role's token; no 5xx, no dropped connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzOpenApi, startFuzzTarget } from '../support/openapi-fuzz.ts';

let target: Awaited<ReturnType<typeof startFuzzTarget>>;
beforeAll(async () => {
  target = await startFuzzTarget();
});
afterAll(() => target.server.stop());

describe('the API under generated requests', () => {
  it('answers every one without a 5xx', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20261203);
    const result = await fuzzOpenApi(target.server.url, target, { count: 400, maxMs: 60_000, seed, concurrency: 4 });
    expect(result.failures, `graine ${seed}`).toEqual([]);
    expect(result.requests).toBeGreaterThan(100);
    expect(result.operations).toBeGreaterThan(20);
    // The run reached the engine, not only the doors: some requests were accepted, some refused as invalid.
    expect(result.statuses.get('200') ?? 0).toBeGreaterThan(0);
    expect(result.statuses.get('422') ?? 0).toBeGreaterThan(0);
  }, 90_000);
});
