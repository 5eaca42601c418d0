/**
 * Creating instances: an operator applies (`POST /applications`), a coordinator refers a beneficiary to a
 * measure of an agreement (`POST /measures`). Reports are created by the engine when an agreement is signed.
 */
import type { Context, Handler } from 'hono';
import type { StepResponse } from '../../engine/runtime/index.ts';
import type { ApiEnv } from '../auth.ts';
import { readJson } from '../body.ts';
import { locatedUnder } from '../engine-problem.ts';
import { httpProblem } from '../problem.ts';
import { actorOf } from '../principal.ts';
import { checkBody } from '../request-schemas.ts';
import { versionTag } from '../version-tag.ts';
import { idempotencyKeyOf, instancePath, type InstanceRouteDeps } from './instances.ts';

interface CreateApplicationBody {
  call: string;
  territory: string;
  operatorId?: string;
  applicant?: Record<string, unknown>;
}

interface CreateMeasureBody {
  agreement: string;
  measure: string;
  territory?: string;
  beneficiary?: Record<string, unknown>;
}

function created(c: Context<ApiEnv>, path: string, response: StepResponse): Response {
  c.header('location', path);
  c.header('etag', versionTag(response.version));
  return c.json(response, 201);
}

/** `POST /applications`: an operator applies for its own organisation (the Département may for any). */
export function createApplication(deps: InstanceRouteDeps): Handler<ApiEnv> {
  return async (c) => {
    const body = checkBody<CreateApplicationBody>('CreateApplication', await readJson(c));
    const idempotencyKey = idempotencyKeyOf(c);
    const principal = c.var.principal;
    const operatorId = body.operatorId ?? principal.operatorId;
    if (operatorId === undefined) {
      throw httpProblem('donnees-invalides', 'Indiquez l’organisme candidat (operatorId).', {
        errors: [{ path: '/operatorId', message: 'obligatoire pour un dépôt au nom d’un organisme' }],
      });
    }
    const response = await locatedUnder('/applicant', () =>
      deps.engine.createApplication({
        callId: body.call,
        operatorId,
        territory: body.territory,
        actor: actorOf(principal),
        ...(body.applicant === undefined ? {} : { applicant: body.applicant }),
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      }),
    );
    return created(c, instancePath('application', response.instanceId), response);
  };
}

/** `POST /measures`: a beneficiary is referred to a measure of an agreement (eligibility checked). */
export function createMeasure(deps: InstanceRouteDeps): Handler<ApiEnv> {
  return async (c) => {
    const body = checkBody<CreateMeasureBody>('CreateMeasure', await readJson(c));
    const idempotencyKey = idempotencyKeyOf(c);
    const response = await locatedUnder('/beneficiary', () =>
      deps.engine.createMeasure({
        parentId: body.agreement,
        measure: body.measure,
        actor: actorOf(c.var.principal),
        ...(body.territory === undefined ? {} : { territory: body.territory }),
        ...(body.beneficiary === undefined ? {} : { beneficiary: body.beneficiary }),
        ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
      }),
    );
    return created(c, instancePath('measure', response.instanceId), response);
  };
}

/** `POST /reports`: refused, with the reason (the engine creates a report per due report at signature). */
export const createReportRefused: Handler<ApiEnv> = () => {
  throw httpProblem(
    'methode-non-permise',
    'Les bilans sont créés par le moteur à la signature de la convention (un par bilan de l’appel) ; listez-les avec GET /reports?agreement=<convention>.',
    {},
    { allow: 'GET' },
  );
};
