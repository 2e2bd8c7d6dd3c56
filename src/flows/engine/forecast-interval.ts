import { type Calibration, monthlyCalibration, yearlyCalibration } from "./forecast-calibration.ts";

/**
 * Interval widths on the log scale. The h-step error of the central forecast is measured in units of the
 * series' own recent h-step movement (root mean square of its log changes over h periods, in the last three
 * years, or ten for yearly data); the quantiles of that standardised error were read once from the tuning set
 * (every series weighted equally) and are kept as data in `forecast-calibration.ts`. A series that has just
 * broken carries the break in its recent movement, so its band widens by itself; a calm one narrows.
 */

/** The calibration for monthly (`season` 12) or yearly data. */
export function calibrationFor(season: number): Calibration {
  return season === 12 ? monthlyCalibration : yearlyCalibration;
}

/** Root mean square of the h-period log changes of z[0..T) over the last `window` periods (floored). */
export function recentMovement(z: ArrayLike<number>, T: number, h: number, c: Calibration): number {
  let [sum, count] = [0, 0];
  for (let i = Math.max(h, T - c.window); i < T; i++) {
    sum += ((z[i] as number) - (z[i - h] as number)) ** 2;
    count++;
  }
  if (count === 0) {
    // Too short to have seen an h-period change: scale the one-period movement as a random walk would.
    for (let i = 1; i < T; i++) sum += ((z[i] as number) - (z[i - 1] as number)) ** 2;
    return Math.max(c.floor, T > 1 ? Math.sqrt((sum / (T - 1)) * h) : c.floor * 4);
  }
  return Math.max(c.floor, Math.sqrt(sum / count));
}

/** The four log-scale offsets (2.5%, 10%, 90%, 97.5%) of the band at horizon h for origin T. */
export function bandOffsets(z: ArrayLike<number>, T: number, h: number, c: Calibration): number[] {
  const q = c.quantiles[Math.min(h, c.quantiles.length) - 1] as readonly number[];
  const movement = recentMovement(z, T, h, c);
  return q.map((k) => k * movement);
}

/**
 * The highest value a band may reach on the log scale: `capRatio` times the largest value seen. Outcomes
 * beyond it were rarer than 1 in 100 in the tuning set, so the cap costs next to no coverage and keeps a band
 * after an explosive spell on a chart a planner can read.
 */
export function plausibleCeiling(z: ArrayLike<number>, T: number, c: Calibration): number {
  let highest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < T; i++) highest = Math.max(highest, z[i] as number);
  return highest + Math.log(c.capRatio);
}
