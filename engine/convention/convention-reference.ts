/**
 * The reference number of a convention: the call's year, the call and the agreement, stable for the life
 * of the agreement (printed on the convention, carried by each payment order, published in the open data).
 */

/**
 * The reference of the convention of an agreement.
 * @example
 * conventionReference({ year: 2024, id: 'information-juridique-2024' }, '3f2a9c1e-…'); // 'CD62-2024-INFORMATION-JURIDIQUE-2024-3F2A9C1E'
 */
export function conventionReference(call: { year: number; id: string }, agreementId: string): string {
  const suffix = agreementId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8).toUpperCase();
  return `CD62-${call.year}-${call.id.toUpperCase()}-${suffix}`;
}
