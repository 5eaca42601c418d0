/**
 * Tariffs as lines, for the catalog: « Semaine d'accompagnement : 55,00 € par semaine, 8 au plus (440,00 € au plus) ».
 */
import type { Measure, Tariff } from '../definition/index.ts';
import { assertNever } from '../errors.ts';
import { formatMoney, requireMoney } from '../money/index.ts';
import { durationInMonths } from '../time/index.ts';

type Acts = NonNullable<Measure['acts']>;

/**
 * Describes a tariff in French, one line per part (a `sum` gives its parts, then its cap if any). An act is
 * named by its label; a part without acts (prorata, flat) by the part's label.
 * @example
 * tariffLines({ kind: 'perAct', act: 'visite', price: '162,38 €' }, { visite: { label: 'Visite', unit: 'visite' } })
 * // ['Visite : 162,38 € par visite']
 */
export function tariffLines(tariff: Tariff | undefined, acts: Acts = {}): string[] {
  if (tariff === undefined) return ['Pas de tarif par mesure'];
  return describe(tariff, acts, undefined);
}

function describe(tariff: Tariff, acts: Acts, partLabel: string | undefined): string[] {
  switch (tariff.kind) {
    case 'perAct': {
      const act = acts[tariff.act];
      const name = act?.label ?? partLabel ?? tariff.act;
      const price = requireMoney(tariff.price, `le prix de l'acte « ${tariff.act} »`);
      const unit = act?.unit ?? 'acte';
      const max = tariff.maxUnits;
      const cap = max === undefined ? '' : max === 1 ? `, 1 par mesure` : `, ${max} au plus (${formatMoney(max * price)} au plus)`;
      return [`${name} : ${formatMoney(price)} par ${unit}${cap}`];
    }
    case 'declared': {
      const act = acts[tariff.act];
      const name = act?.label ?? partLabel ?? tariff.act;
      const max = requireMoney(tariff.max, `le plafond de l'acte « ${tariff.act} »`);
      return [`${name} : montant déclaré, ${formatMoney(max)} au plus par ${act?.unit ?? 'acte'}`];
    }
    case 'prorata': {
      const amount = requireMoney(tariff.amount, 'le montant au prorata');
      const months = durationInMonths(tariff.per);
      const per = months === undefined ? '' : ` pour ${months} mois`;
      const monthly = months !== undefined && months > 0 && amount % months === 0 ? `, soit ${formatMoney(amount / months)} par mois` : '';
      const cap = tariff.maxMonths === undefined ? '' : `, ${tariff.maxMonths} mois au plus`;
      const prefix = partLabel === undefined ? '' : `${partLabel} : `;
      return [`${prefix}${formatMoney(amount)}${per}, compté au mois le mois${monthly}${cap}`];
    }
    case 'flat': {
      const prefix = partLabel === undefined ? 'Forfait' : partLabel;
      return [`${prefix} : ${formatMoney(requireMoney(tariff.amount, 'le forfait'))} par mesure`];
    }
    case 'sum': {
      const lines = Object.entries(tariff.parts).flatMap(([id, part]) => describe(part, acts, part.label ?? id));
      if (tariff.max !== undefined) lines.push(`Total plafonné à ${formatMoney(requireMoney(tariff.max, 'le plafond'))} par mesure`);
      return lines;
    }
    default:
      return assertNever(tariff);
  }
}
