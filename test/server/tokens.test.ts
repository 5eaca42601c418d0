import { describe, expect, it } from 'vitest';
import { hashToken, loadTokenRegistry, tokenRegistry } from '../../server/tokens.ts';

describe('token registry', () => {
  it('maps a token to its principal, never by a prefix of it', () => {
    const registry = tokenRegistry({
      tokens: [{ id: 'op-a', role: 'operator', operatorId: 'asso-a', token: 'token-of-asso-a' }],
    });
    expect(registry.find('token-of-asso-a')).toMatchObject({ id: 'op-a', role: 'operator', operatorId: 'asso-a' });
    expect(registry.find('token-of-asso')).toBeUndefined();
    expect(registry.find('')).toBeUndefined();
  });

  it('accepts the SHA-256 of a token instead of the token', () => {
    const registry = tokenRegistry({ tokens: [{ id: 'dep', role: 'departement', sha256: hashToken('a-secret-token') }] });
    expect(registry.find('a-secret-token')?.role).toBe('departement');
  });

  it('gives each role its default sensitivities: an evaluator sees none, an operator no health data', () => {
    const registry = tokenRegistry({
      tokens: [
        { id: 'e', role: 'evaluator', token: 'evaluator-token' },
        { id: 'o', role: 'operator', operatorId: 'x', token: 'operator-token' },
        { id: 'c', role: 'coordinator', territories: ['artois'], token: 'coordinator-token', sensitivity: ['personal'] },
      ],
    });
    expect([...registry.find('evaluator-token')!.sees]).toEqual(['none']);
    expect(registry.find('operator-token')!.sees.has('health')).toBe(false);
    expect(registry.find('operator-token')!.sees.has('debts')).toBe(true);
    expect([...registry.find('coordinator-token')!.sees].sort()).toEqual(['none', 'personal']);
  });

  it('refuses an operator without its organisation and a coordinator without territories', () => {
    expect(() => tokenRegistry({ tokens: [{ id: 'o', role: 'operator', token: 'operator-token' }] })).toThrow(/operatorId/);
    expect(() => tokenRegistry({ tokens: [{ id: 'c', role: 'coordinator', token: 'coordinator-token' }] })).toThrow(/territories/);
  });

  it('refuses a token given twice without echoing it', () => {
    const run = () =>
      tokenRegistry({
        tokens: [
          { id: 'a', role: 'departement', token: 'same-token-twice' },
          { id: 'b', role: 'evaluator', token: 'same-token-twice' },
        ],
      });
    expect(run).toThrow(/« b »/);
    expect(run).not.toThrow(/same-token-twice/);
  });

  it('loads the committed demo file, marked as demo', async () => {
    const { registry, demo } = await loadTokenRegistry('config/tokens.demo.yaml');
    expect(demo).toBe(true);
    expect(registry.find('demo-departement')?.role).toBe('departement');
    expect(registry.find('demo-operateur-asso-a')?.operatorId).toBe('asso-a');
    expect(registry.find('demo-coordinateur-lens-henin')?.territories).toEqual(['lens-henin']);
    expect(registry.find('demo-evaluateur')?.role).toBe('evaluator');
  });

  it('says where the tokens file is missing', async () => {
    await expect(loadTokenRegistry('config/absent.yaml')).rejects.toThrow(/introuvable : config\/absent\.yaml/);
  });
});
