/**
 * Envelopes shared by several calls (`kind: envelopes` files): each written once, named by the calls that
 * draw on it (`funding.envelope.shared`). A call naming an envelope that does not exist, or restating an
 * amount beside `shared` (the money would be written twice), is refused here.
 */
import type { Call, EnvelopesPiece } from './definition-types.ts';
import { parseMoney } from '../money/money.ts';
import type { Finding, SourceLocation } from './finding.ts';

/** One shared envelope and the file it is written in. */
export interface SharedEnvelope {
  id: string;
  label: string;
  /** The whole amount, for every call drawing on it (French money text). */
  amount?: string;
  /** Per budget year (`2024` → French money text). */
  byYear?: Record<string, string>;
  note?: string;
  file: string;
}

/** Adds the envelopes of a valid `kind: envelopes` file; an id already taken is a finding. */
export function addEnvelopes(envelopes: Map<string, SharedEnvelope>, piece: EnvelopesPiece, file: string, locate: (pointer: string) => SourceLocation): Finding[] {
  const findings: Finding[] = [];
  for (const [id, envelope] of Object.entries(piece.envelopes)) {
    const previous = envelopes.get(id);
    if (previous !== undefined) {
      findings.push({ code: 'identifiant-en-double', severity: 'error', message: `L'enveloppe « ${id} » est déjà écrite dans ${previous.file} : une enveloppe commune n'est écrite qu'une fois.`, ...locate(`/envelopes/${id}`), path: `/envelopes/${id}` });
      continue;
    }
    const amounts: [string, string][] = [...(envelope.amount === undefined ? [] : [[`/envelopes/${id}/amount`, envelope.amount] as [string, string]]), ...Object.entries(envelope.byYear ?? {}).map(([year, text]) => [`/envelopes/${id}/byYear/${year}`, text] as [string, string])];
    const unreadable = amounts.filter(([, text]) => parseMoney(text) === undefined);
    for (const [path, text] of unreadable) {
      findings.push({ code: 'montant-invalide', severity: 'error', message: `Montant « ${text} » illisible : écrivez les euros à la française, par exemple « 515 000 € ».`, ...locate(path), path });
    }
    if (unreadable.length > 0) continue;
    envelopes.set(id, {
      id, label: envelope.label, file,
      ...(envelope.amount !== undefined && { amount: envelope.amount }),
      ...(envelope.byYear !== undefined && { byYear: envelope.byYear }),
      ...(envelope.note !== undefined && { note: envelope.note }),
    });
  }
  return findings;
}

/** Findings of a call's `funding.envelope.shared`: an unknown envelope, or an amount written beside it. */
export function sharedEnvelopeFindings(call: Call, envelopes: ReadonlyMap<string, SharedEnvelope>, locate: (pointer: string) => SourceLocation): Finding[] {
  const envelope = call.funding.envelope;
  if (envelope?.shared === undefined) return [];
  const findings: Finding[] = [];
  const path = '/funding/envelope/shared';
  if (!envelopes.has(envelope.shared)) {
    const known = [...envelopes.keys()].sort().join(', ') || 'aucune';
    findings.push({ code: 'reference-inconnue', severity: 'error', message: `Enveloppe commune « ${envelope.shared} » inconnue (enveloppes écrites dans les fichiers kind: envelopes : ${known}).`, ...locate(path), path });
  }
  for (const key of ['amount', 'byYear', 'unknown'] as const) {
    if (envelope[key] === undefined) continue;
    const at = `/funding/envelope/${key}`;
    findings.push({ code: 'enveloppe-en-double', severity: 'error', message: `« ${key} » à côté de shared : le montant d'une enveloppe commune s'écrit une seule fois, dans son fichier kind: envelopes ; retirez-le de l'appel.`, ...locate(at), path: at });
  }
  return findings;
}
