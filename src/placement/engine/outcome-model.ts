import { type Design, fitPenalisedLogistic, predictRow } from "./logistic-regression.ts";
import type { CaseFeatures, OutcomeRecord } from "./outcome-history.ts";

/** One model input: a number (standardised by its training mean and spread) or a 0/1 indicator. */
export interface FeatureSpec {
  name: string;
  kind: "numeric" | "indicator";
  mean: number;
  sd: number;
}

/** Which optional numeric columns the history carries. */
export interface NumericColumns {
  size: boolean;
  education: boolean;
  workExperience: boolean;
}

/** Coefficients per locality, each shrunk towards the pooled model by `shrinkage`. */
export interface OutcomeModel {
  features: FeatureSpec[];
  encode: (c: CaseFeatures) => Float64Array;
  shrinkage: number;
  pooled: Float64Array;
  localities: Map<string, { beta: Float64Array; rows: number; positives: number }>;
}

const numericGetters: Record<keyof NumericColumns, (c: CaseFeatures) => number | undefined> = {
  size: (c) => c.size,
  education: (c) => c.education,
  workExperience: (c) => c.workExperience,
};
const numericNames: Record<keyof NumericColumns, string> = {
  size: "size",
  education: "education",
  workExperience: "work_experience",
};

/** Numeric columns present, plus an indicator per language and need seen in at least `minCount` rows. */
export function chooseFeatures(
  records: OutcomeRecord[],
  columns: NumericColumns,
  minCount: number,
): FeatureSpec[] {
  const features: FeatureSpec[] = [];
  for (const key of Object.keys(numericGetters) as (keyof NumericColumns)[]) {
    if (!columns[key]) continue;
    const values = records.map(numericGetters[key]).filter((v): v is number => v !== undefined);
    const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / Math.max(1, values.length);
    features.push({ name: numericNames[key], kind: "numeric", mean, sd: Math.sqrt(variance) || 1 });
  }
  const counts = new Map<string, number>();
  for (const r of records) {
    for (const l of new Set(r.languages)) counts.set(`language:${l}`, (counts.get(`language:${l}`) ?? 0) + 1);
    for (const n of new Set(r.needs)) counts.set(`need:${n}`, (counts.get(`need:${n}`) ?? 0) + 1);
  }
  const indicators = [...counts].filter(([, count]) => count >= minCount).map(([name]) => name);
  for (const name of indicators.sort()) features.push({ name, kind: "indicator", mean: 0, sd: 1 });
  return features;
}

type Encoder = (c: CaseFeatures) => number;

/** How one feature reads a case (resolved once per feature, not once per row). */
function encoderOf(f: FeatureSpec): Encoder {
  if (f.kind === "indicator") {
    const [group, value] = f.name.split(":") as [string, string];
    return group === "language"
      ? (c) => (c.languages.includes(value) ? 1 : 0)
      : (c) => (c.needs.includes(value) ? 1 : 0);
  }
  const key = (Object.keys(numericNames) as (keyof NumericColumns)[]).find(
    (k) => numericNames[k] === f.name,
  )!;
  const read = numericGetters[key];
  return (c) => {
    const value = read(c);
    return value === undefined ? 0 : (value - f.mean) / f.sd;
  };
}

/** Encodes cases as [1, features…]; a missing number sits at the training mean (contributes 0). */
export function caseEncoder(features: FeatureSpec[]): (c: CaseFeatures) => Float64Array {
  const encoders = features.map(encoderOf);
  return (c) => {
    const row = new Float64Array(encoders.length + 1);
    row[0] = 1;
    for (let j = 0; j < encoders.length; j++) row[j + 1] = encoders[j]!(c);
    return row;
  };
}

function designOf(features: FeatureSpec[], records: OutcomeRecord[]): Design {
  const d = features.length + 1;
  const x = new Float64Array(records.length * d);
  const encode = caseEncoder(features);
  for (let i = 0; i < records.length; i++) x.set(encode(records[i]!), i * d);
  return { rows: records.length, d, x, y: Uint8Array.from(records, (r) => r.outcome) };
}

/**
 * Fits a pooled logistic regression (a light ridge keeps it finite on separable data), then one per
 * locality pulled towards the pooled coefficients with strength `shrinkage` (in rows' worth of evidence):
 * a locality with few past cases looks like the pooled model, one with many follows its own data.
 */
export function fitOutcomeModel(
  records: OutcomeRecord[],
  features: FeatureSpec[],
  shrinkage: number,
): OutcomeModel {
  const d = features.length + 1;
  const ridge = new Float64Array(d).fill(1);
  ridge[0] = 1e-6;
  const pooled = fitPenalisedLogistic(designOf(features, records), new Float64Array(d), ridge);
  const groups = new Map<string, OutcomeRecord[]>();
  for (const r of records) {
    const group = groups.get(r.locality);
    if (group) group.push(r);
    else groups.set(r.locality, [r]);
  }
  const localities: OutcomeModel["localities"] = new Map();
  const penalty = new Float64Array(d).fill(shrinkage);
  for (const [locality, rows] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const beta = fitPenalisedLogistic(designOf(features, rows), pooled, penalty);
    localities.set(locality, { beta, rows: rows.length, positives: rows.filter((r) => r.outcome).length });
  }
  return { features, encode: caseEncoder(features), shrinkage, pooled, localities };
}

/** Predicted probability of the outcome for a case at a locality (the pooled model for an unseen one). */
export function predictOutcome(model: OutcomeModel, c: CaseFeatures, locality: string): number {
  const beta = model.localities.get(locality)?.beta ?? model.pooled;
  return predictRow(model.encode(c), beta);
}

/** Coefficients per raw unit (per person, per year, or for having the indicator), keyed by feature. */
function readable(model: OutcomeModel, beta: Float64Array) {
  const coefficients: Record<string, number> = {};
  model.features.forEach((f, j) => {
    coefficients[f.name] = round(beta[j + 1]! / f.sd);
  });
  return { intercept: round(beta[0]!), coefficients };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The model as a caseworker-readable document: log-odds coefficients per locality and the pooled model. */
export function describeOutcomeModel(model: OutcomeModel, extra: Record<string, unknown> = {}) {
  return {
    kind: "logistic regression per locality, shrunk towards a pooled model",
    reading:
      "log-odds of the outcome = intercept + Σ coefficient × (value − mean) for numbers, + coefficient for each " +
      "language or need the family has; a positive coefficient raises the predicted probability there",
    shrinkage: model.shrinkage,
    features: model.features.map((f) => ({
      name: f.name,
      kind: f.kind,
      ...(f.kind === "numeric" ? { mean: round(f.mean) } : {}),
    })),
    pooled: readable(model, model.pooled),
    localities: [...model.localities].map(([locality, fit]) => ({
      locality,
      rows: fit.rows,
      outcomeRate: round(fit.positives / Math.max(1, fit.rows)),
      ...readable(model, fit.beta),
    })),
    ...extra,
  };
}
