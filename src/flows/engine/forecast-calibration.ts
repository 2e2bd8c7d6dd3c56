/**
 * Interval calibration read from the tuning set by `npm run bench:forecast -- --tune` (which prints this
 * table) and kept as data so a forecast never depends on what it is later scored on. Per horizon h (1..12
 * months, 1..6 years): the 2.5%, 10%, 90% and 97.5% quantiles of the central forecast's log error divided by
 * the series' recent h-period movement.
 */
/** Per horizon: the 2.5%, 10%, 90% and 97.5% quantiles of the standardised error. */
export type CalibrationQuantiles = readonly (readonly [number, number, number, number])[];

export interface Calibration {
  /** Periods of history the recent movement is measured over. */
  window: number;
  /** Least movement assumed (log scale), so a flat stretch never gives a band of zero width. */
  floor: number;
  /** Upper bounds stay below this multiple of the largest value seen. */
  capRatio: number;
  quantiles: CalibrationQuantiles;
}

export const monthlyCalibration: Calibration = {
  window: 36,
  floor: 0.02,
  capRatio: 2,
  quantiles: [
    [-1.85, -0.95, 1.13, 1.95],
    [-1.88, -0.97, 1.18, 1.95],
    [-1.88, -0.97, 1.2, 1.95],
    [-1.99, -0.97, 1.23, 1.95],
    [-2.07, -1.04, 1.26, 1.95],
    [-2.13, -1.13, 1.27, 2],
    [-2.28, -1.17, 1.35, 2.2],
    [-2.3, -1.21, 1.42, 2.35],
    [-2.38, -1.3, 1.5, 2.7],
    [-2.46, -1.42, 1.55, 3.09],
    [-2.8, -1.59, 1.55, 3.36],
    [-3.27, -1.8, 1.55, 3.36],
  ],
};

export const yearlyCalibration: Calibration = {
  window: 10,
  floor: 0.02,
  capRatio: 10,
  quantiles: [
    [-3.99, -1.44, 1.9, 4.35],
    [-3.99, -2.07, 2.19, 5.45],
    [-4.03, -2.07, 2.19, 5.45],
    [-4.03, -2.33, 2.19, 5.45],
    [-5.13, -2.48, 2.19, 5.45],
    [-7.82, -3.15, 3.17, 5.7],
  ],
};
