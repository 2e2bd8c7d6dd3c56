/** One row of a reliability table: predictions in a bin against what happened. */
export interface ReliabilityBin {
  bin: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Held-out quality of predicted probabilities. */
export interface OutcomeEvaluation {
  rows: number;
  positives: number;
  auc: number;
  brier: number;
  /** Brier score of always predicting the base rate: the floor a useful model must beat. */
  brierBaseRate: number;
  logLoss: number;
  bins: ReliabilityBin[];
}

/**
 * Area under the ROC curve by the rank-sum (Mann–Whitney) statistic, ties counted half: the chance that a
 * random positive gets a higher prediction than a random negative. NaN when one class is absent.
 */
export function areaUnderCurve(predicted: ArrayLike<number>, outcome: ArrayLike<number>): number {
  const order = Array.from({ length: predicted.length }, (_, i) => i).sort(
    (a, b) => predicted[a]! - predicted[b]!,
  );
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && predicted[order[end + 1]!] === predicted[order[start]!]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (outcome[order[k]!]) {
        positives++;
        rankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Reliability table: predictions sorted and cut into `count` bins of (nearly) equal size (deciles by default). */
export function reliabilityBins(
  predicted: ArrayLike<number>,
  outcome: ArrayLike<number>,
  count = 10,
): ReliabilityBin[] {
  const order = Array.from({ length: predicted.length }, (_, i) => i).sort(
    (a, b) => predicted[a]! - predicted[b]!,
  );
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < count; b++) {
    const from = Math.floor((b * order.length) / count);
    const to = Math.floor(((b + 1) * order.length) / count);
    if (to <= from) continue;
    let sumPredicted = 0;
    let sumObserved = 0;
    for (let k = from; k < to; k++) {
      sumPredicted += predicted[order[k]!]!;
      sumObserved += outcome[order[k]!]!;
    }
    bins.push({
      bin: b + 1,
      count: to - from,
      meanPredicted: sumPredicted / (to - from),
      observedRate: sumObserved / (to - from),
    });
  }
  return bins;
}

/** AUC, Brier score (and the base-rate Brier), log loss and the decile reliability table. */
export function evaluateOutcomes(
  predicted: ArrayLike<number>,
  outcome: ArrayLike<number>,
): OutcomeEvaluation {
  const n = predicted.length;
  let positives = 0;
  let brier = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, predicted[i]!));
    const y = outcome[i]!;
    positives += y;
    brier += (p - y) ** 2;
    logLoss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
  }
  const rate = positives / Math.max(1, n);
  return {
    rows: n,
    positives,
    auc: areaUnderCurve(predicted, outcome),
    brier: brier / Math.max(1, n),
    brierBaseRate: rate * (1 - rate),
    logLoss: logLoss / Math.max(1, n),
    bins: reliabilityBins(predicted, outcome),
  };
}

/** The evaluation as printable lines: headline figures, then the reliability table. */
export function formatEvaluation(label: string, e: OutcomeEvaluation): string[] {
  const f = (x: number) => x.toFixed(4);
  return [
    `${label}: ${e.rows} held-out rows (${e.positives} positive)  AUC ${f(e.auc)}  Brier ${f(e.brier)} ` +
      `(base rate alone ${f(e.brierBaseRate)})  log loss ${f(e.logLoss)}`,
    "  decile  rows  mean predicted  observed rate",
    ...e.bins.map(
      (b) =>
        `  ${String(b.bin).padStart(6)}  ${String(b.count).padStart(4)}  ${f(b.meanPredicted).padStart(14)}  ${f(b.observedRate).padStart(13)}`,
    ),
  ];
}
