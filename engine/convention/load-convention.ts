/**
 * Gathers what a convention is generated from: the agreement, the definition it runs under, its reports and
 * its beneficiary in the register.
 */
import { EngineError } from '../errors.ts';
import type { Attribuant } from '../opendata/index.ts';
import type { OrganisationRegister } from '../organisations/index.ts';
import { definitionOf } from '../payments/order-sync.ts';
import type { Store } from '../store/index.ts';
import { conventionDocument, type ConventionDocument } from './convention-document.ts';

/** Where a convention's facts are read. */
export interface ConventionSources {
  store: Pick<Store, 'getInstance' | 'getDefinition' | 'listInstances'>;
  register: OrganisationRegister;
  departement: Attribuant;
  /** Expands groups of territories (the repository's catalog), to find an agreement's window. */
  expand?: (ids: string[]) => string[];
}

/** The convention of an agreement (an application, signed); refused with a French reason otherwise. */
export async function loadConvention(sources: ConventionSources, agreementId: string): Promise<ConventionDocument> {
  const agreement = await sources.store.getInstance(agreementId);
  if (agreement === undefined || agreement.kind !== 'application') {
    throw new EngineError('instance-inconnue', `Convention « ${agreementId} » introuvable : donnez l'identifiant de la candidature signée.`, { instanceId: agreementId });
  }
  const call = await definitionOf(sources.store, agreement);
  const reports = (await sources.store.listInstances({ parentId: agreement.id, kind: 'report' }, { limit: 100 })).items;
  const beneficiary = agreement.operatorId === null ? undefined : await sources.register.find(agreement.operatorId);
  return conventionDocument({ call, agreement, reports, beneficiary, departement: sources.departement, ...(sources.expand !== undefined && { expand: sources.expand }) });
}
