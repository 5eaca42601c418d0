/**
 * A flat grant (« participation financière de 100 000 € ») is agreed at its amount and no other: a
 * `signature` milestone that carries an amount is refused when the amount differs, with both figures.
 */
import { formatMoney } from '../money/index.ts';
import type { CompiledGuard } from './guards.ts';

/** The amount of a call's flat grant, in cents. */
export interface FlatGrant {
  amountCents: number;
}

/**
 * The guard of a `signature` milestone whose agreed amount is the payload's `amount` field.
 * @example
 * flatGrantGuard('signer:effet-1-forfait', 'montant', { amountCents: 10_000_000 }).check(context, { payload: { montant: 12_000_000 }, … }) // false
 */
export function flatGrantGuard(id: string, amount: string, grant: FlatGrant): CompiledGuard {
  const flat = formatMoney(grant.amountCents);
  return {
    id, kind: 'effect',
    label: `La participation de l'appel est forfaitaire (${flat}) : la convention est signée pour ce montant exactement.`,
    check: (_c, event) => {
      const agreed = event.payload[amount];
      return agreed === undefined || agreed === grant.amountCents;
    },
    reason: (_c, event) => {
      const agreed = event.payload[amount];
      const given = typeof agreed === 'number' ? formatMoney(agreed) : `« ${String(agreed)} »`;
      return `le montant conventionné (${given}) n'est pas la participation forfaitaire de l'appel (${flat}) : signez pour ${flat} (${grant.amountCents} centimes), ou publiez une nouvelle version de l'appel si le montant a changé.`;
    },
  };
}
