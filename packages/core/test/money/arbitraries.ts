// Generators shared by the money property tests: canonical amount strings built from integer centimes.
// Building them from BigInt centimes keeps floats out of the tests as well as out of the code under test.
import fc from 'fast-check';

export function centimesToAmount(centimes: bigint): string {
  const sign = centimes < 0n ? '-' : '';
  const digits = (centimes < 0n ? -centimes : centimes).toString().padStart(3, '0');
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Every canonical 2-decimal amount parseAmount accepts, biased by fast-check towards the edges (0, ±max). */
export const anyAmount = fc.bigInt({ min: -(10n ** 17n - 1n), max: 10n ** 17n - 1n }).map(centimesToAmount);

/** Totals to allocate, 0.00 to 1 000 000 000 000.00. */
export const allocationTotal = fc.bigInt({ min: 0n, max: 10n ** 14n }).map(centimesToAmount);
