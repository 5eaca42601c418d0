/**
 * Validation off the server thread (issue 13): hostile YAML posted to either door (the API's
 * `POST /definitions/validate`, the public editor's `POST /editeur/validation`) gets a located French
 * finding, the server keeps answering while a large text is validated, and a validation that crosses the
 * time limit ends with a finding and a fresh worker.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type Repository } from '../../../engine/definition/index.ts';
import { ValidationPool } from '../../../server/validation/validation-pool.ts';
import { startTestServer, TOKENS, type TestServer } from '../support/server.ts';

const BOMBS: Record<string, { text: string; code: string; line: number }> = {
  'alias récursif': { text: 'a: &a [*a, *a]\n', code: 'yaml-alias-recursif', line: 1 },
  'milliard de rires': {
    text: [...'abcdefghi'].map((name, i) => `${name}: &${name} [${Array(9).fill(i === 0 ? '"lol"' : `*${'abcdefghi'[i - 1]}`).join(', ')}]`).join('\n'),
    code: 'yaml-trop-gros',
    line: 6,
  },
  'profondeur': { text: `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}`, code: 'yaml-trop-profond', line: 1 },
  'clé __proto__': { text: 'kind: call\n__proto__: {a: 1}\n', code: 'cle-interdite', line: 2 },
};

/** A plain definition of about `size` characters: a shipped call with many documents. */
function largeDefinition(size: number): string {
  const base = readFileSync('definitions/2024/numero-vert-2024.yaml', 'utf8');
  const lines: string[] = [];
  for (let i = 0, length = base.length; length < size; i++) {
    const entry = `    piece-${i}:\n      label: Pièce justificative numéro ${i}\n      required: false\n`;
    lines.push(entry);
    length += entry.length;
  }
  return base.replace('  documents:\n', `  documents:\n${lines.join('')}`);
}

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api?.stop());

describe('the validation doors', () => {
  for (const [name, bomb] of Object.entries(BOMBS)) {
    it(`refuses a YAML bomb (${name}) with a located French finding on the API and the public editor`, async () => {
      const viaApi = await api.request('POST', '/definitions/validate', { token: TOKENS.operatorA, body: bomb.text, headers: { 'content-type': 'application/yaml' } });
      expect(viaApi.status).toBe(200);
      const apiBody = (await viaApi.json()) as { valid: boolean; findings: Array<{ code: string; line: number; message: string }> };
      expect(apiBody.valid).toBe(false);
      expect(apiBody.findings).toMatchObject([{ code: bomb.code, line: bomb.line }]);
      const viaEditor = await api.request('POST', '/editeur/validation', { json: { text: bomb.text } });
      expect(viaEditor.status).toBe(200);
      const editorBody = (await viaEditor.json()) as typeof apiBody;
      expect(editorBody.findings).toMatchObject([{ code: bomb.code, line: bomb.line }]);
      expect(editorBody.findings[0]?.message).not.toMatch(/Error|Maximum call stack/);
    });
  }

  it('keeps answering other requests while a large definition is validated', async () => {
    const text = largeDefinition(900 * 1024);
    const order: string[] = [];
    const validation = api
      .request('POST', '/definitions/validate', { token: TOKENS.departement, body: text, headers: { 'content-type': 'application/yaml' } })
      .then(async (response) => {
        order.push('validation');
        return (await response.json()) as { findings: unknown[] };
      });
    // Let the text reach the worker, then ask for /health a few times.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let i = 0; i < 3; i++) {
      const health = await api.request('GET', '/health');
      expect(health.status).toBe(200);
      order.push('health');
    }
    await validation;
    expect(order.indexOf('health')).toBeLessThan(order.indexOf('validation'));
  });
});

describe('ValidationPool', () => {
  let repository: Repository;
  beforeAll(async () => {
    repository = await loadRepository('test/fixtures/broken/_context');
  });

  it('ends a validation over its time limit with a finding, and the texts waiting behind it each get an answer', async () => {
    const pool = new ValidationPool({ timeMs: 1 });
    const texts = [largeDefinition(300 * 1024), 'kind: call\n'];
    const [slow, next] = await Promise.all(texts.map((text) => pool.validate({ text, file: 'lent.yaml', repository, diagrams: false })));
    expect(slow?.findings).toMatchObject([{ code: 'validation-trop-longue', file: 'lent.yaml', line: 1, column: 1 }]);
    expect(next?.findings).toMatchObject([{ code: 'validation-trop-longue' }]);
    await pool.close();
  });

  it('does not count the worker\'s start against the text, and bounds the start itself', async () => {
    // A worker starts (tsx, the engine's modules, the definitions) in about a second, far over 300 ms; a
    // short text then validates in a few milliseconds.
    const pool = new ValidationPool({ timeMs: 300 });
    const answer = await pool.validate({ text: 'kind: call\nid: [ouvert\n', file: 'casse.yaml', repository, diagrams: false });
    expect(answer.findings[0]?.code).toBe('yaml-syntaxe');
    await pool.close();
    const stuck = new ValidationPool({ startMs: 1 });
    const refused = await stuck.validate({ text: 'kind: call\n', file: 'a.yaml', repository, diagrams: false });
    expect(refused.findings).toMatchObject([{ code: 'validation-interrompue', file: 'a.yaml', line: 1, column: 1 }]);
    await stuck.close();
  });

  it('validates in its worker what validateText would, findings and call', async () => {
    const pool = new ValidationPool();
    const broken = await pool.validate({ text: 'kind: call\nid: [ouvert\n', file: 'casse.yaml', repository, diagrams: false });
    expect(broken.findings[0]).toMatchObject({ code: 'yaml-syntaxe', file: 'casse.yaml' });
    const text = 'kind: call\nid: enfant\nextends: base-valide\ntitle: Enfant\nyear: 2025\n';
    const valid = await pool.validate({ text, file: 'enfant.yaml', repository, diagrams: true });
    expect(valid.findings).toEqual([]);
    expect(valid.call).toMatchObject({ id: 'enfant', parents: ['base-valide'], year: 2025 });
    expect(valid.diagrams?.[0]?.svg).toMatch(/^<svg role="img"/);
    await pool.close();
  });

  it('refuses more waiting texts than its bound with a 503 problem', async () => {
    const pool = new ValidationPool({ waiting: 2 });
    const text = 'kind: call\n';
    const accepted = [0, 1, 2].map(() => pool.validate({ text, file: 'a.yaml', repository, diagrams: false }));
    expect(() => pool.validate({ text, file: 'a.yaml', repository, diagrams: false })).toThrow(expect.objectContaining({ status: 503 }));
    await Promise.all(accepted);
    await pool.close();
  });
});
