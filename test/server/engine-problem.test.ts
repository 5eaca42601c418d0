import { describe, expect, it } from 'vitest';
import { EngineError } from '../../engine/errors.ts';
import { ENGINE_ERROR_CODES, engineErrorStatus, engineProblem } from '../../server/engine-problem.ts';

describe('engine errors as problems', () => {
  it('gives every engine code a status of 403, 404, 409 or 422 (never a 500)', () => {
    for (const code of ENGINE_ERROR_CODES) expect([403, 404, 409, 422]).toContain(engineErrorStatus(code).status);
  });

  it('answers outside the scope exactly like an unknown instance', () => {
    const outside = engineProblem(new EngineError('hors-perimetre', "L'instance m-1 appartient à asso-b.", { operatorId: 'asso-b' })).problem;
    const unknown = engineProblem(new EngineError('instance-inconnue', 'Instance m-1 inconnue.')).problem;
    expect(outside.status).toBe(404);
    expect(outside).toEqual(unknown);
    expect(outside.code).toBe('ressource-inconnue');
    expect(JSON.stringify(outside)).not.toContain('asso-b');
  });

  it('lists the allowed events of a 409 and the current version of a conflict', () => {
    const notAllowed = engineProblem(new EngineError('evenement-non-permis', 'Non permis.', { allowedEvents: ['semaine', 'terminer'] })).problem;
    expect(notAllowed).toMatchObject({ status: 409, allowedEvents: ['semaine', 'terminer'], type: '/problemes/evenement-non-permis' });
    const conflict = engineProblem(new EngineError('conflit-de-version', 'Conflit.', { currentVersion: 4 })).problem;
    expect(conflict).toMatchObject({ status: 409, currentVersion: 4 });
  });

  it('carries validation findings as path and message, and nothing else of the details', () => {
    const invalid = engineProblem(
      new EngineError('message-invalide', 'Message invalide.', {
        findings: [{ path: '/issue', message: 'doit être une des valeurs permises', code: 'enum' }],
        beneficiary: { nom: 'Dupont' },
      }),
    ).problem;
    expect(invalid.status).toBe(422);
    expect(invalid.errors).toEqual([{ path: '/issue', message: 'doit être une des valeurs permises', code: 'enum' }]);
    expect(JSON.stringify(invalid)).not.toContain('Dupont');
  });
});
