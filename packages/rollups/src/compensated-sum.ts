// Compensated (Neumaier) summation: a sum of many doubles accurate to about one rounding, whatever
// the order they come in. The per-day aggregates sum sentiment scores and driver weights that the
// dashboard adds up again; both ends summing this way is what lets them agree with the archive.

export interface CompensatedSum {
  sum: number;
  compensation: number;
}

export const compensatedSum = (): CompensatedSum => ({ sum: 0, compensation: 0 });

export function addCompensated(acc: CompensatedSum, value: number): void {
  const total = acc.sum + value;
  acc.compensation += Math.abs(acc.sum) >= Math.abs(value) ? acc.sum - total + value : value - total + acc.sum;
  acc.sum = total;
}

export const compensatedTotal = (acc: CompensatedSum): number => acc.sum + acc.compensation;
