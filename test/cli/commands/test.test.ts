import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../cli/main.ts';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out: () => out.join(''), err: () => err.join('') };
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('dispositifs test', () => {
  it('runs the scenarios of a folder and exits 0 when they pass', async () => {
    const io = capture();
    expect(await main(['test', 'test/fixtures/scenarios'])).toBe(0);
    expect(io.out()).toContain('  ✓ refus : Ce que le moteur refuse ne change rien (7 étapes)');
    expect(io.out()).toContain('le détail : npx dispositifs test --coverage');
  });

  it('prints the coverage with --coverage and JSON with --format json', async () => {
    let io = capture();
    expect(await main(['test', '--coverage', 'test/fixtures/scenarios'])).toBe(0);
    expect(io.out()).toContain('Couverture des cycles de vie');
    vi.restoreAllMocks();
    io = capture();
    expect(await main(['test', '--format', 'json', 'test/fixtures/scenarios/essai-2024.scenarios.yaml'])).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ summary: { scenarios: 2, passed: 2, failed: 0 } });
  });

  it('exits 2 on a usage error', async () => {
    const io = capture();
    expect(await main(['test', '--format', 'xml', 'test/fixtures/scenarios'])).toBe(2);
    expect(io.err()).toContain('format « xml » inconnu');
    expect(await main(['test', 'nulle-part'])).toBe(2);
    expect(io.err()).toContain('chemin introuvable : nulle-part');
  });
});
