import { describe, expect, it } from "vitest";
import { seededRandom } from "../../shared/seeded-random.ts";
import { generateHistory } from "./outcome-history.ts";
import { predictOutcome } from "./outcome-model.ts";
import { formatScoresCsv, splitRows, trainOutcomeModel } from "./train-scores.ts";

const columns = { size: true, education: true, workExperience: true };
const settings = { holdout: 0.25, seed: 5, minCount: 20 };
const generated = generateHistory({ history: 4000, newCases: 30, localities: 12, seed: 11 });

describe("trainOutcomeModel", () => {
  const run = trainOutcomeModel(generated.records, columns, settings);

  it("finds a known signal: held-out AUC well above 0.5, and above the pooled model's", () => {
    expect(run.evaluation!.rows).toBe(1000);
    expect(run.evaluation!.auc).toBeGreaterThan(0.68);
    expect(run.evaluation!.auc).toBeGreaterThan(run.pooledEvaluation!.auc + 0.03);
    expect(run.evaluation!.brier).toBeLessThan(run.evaluation!.brierBaseRate);
  });

  it("is calibrated on held-out rows: deciles' mean predictions near their observed rates", () => {
    const bins = run.evaluation!.bins;
    // Expected calibration error: each decile's gap weighted by its rows (100 rows each: ±0.05 noise).
    const gap = bins.reduce((sum, b) => sum + b.count * Math.abs(b.meanPredicted - b.observedRate), 0);
    expect(gap / run.evaluation!.rows).toBeLessThan(0.05);
    expect(bins.map((b) => b.meanPredicted)).toEqual(
      [...bins.map((b) => b.meanPredicted)].sort((a, b) => a - b),
    );
  });

  it("finds nothing in shuffled labels: AUC near 0.5", () => {
    const random = seededRandom(3);
    const labels = generated.records.map((r) => r.outcome);
    for (let i = labels.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [labels[i], labels[j]] = [labels[j]!, labels[i]!];
    }
    const shuffled = generated.records.map((r, i) => ({ ...r, outcome: labels[i]! }));
    const auc = trainOutcomeModel(shuffled, columns, settings).evaluation!.auc;
    expect(Math.abs(auc - 0.5)).toBeLessThan(0.05);
  });

  it("follows the true probabilities of new cases at each locality", () => {
    let error = 0;
    let count = 0;
    for (const c of generated.cases) {
      generated.localities.forEach((locality, l) => {
        error += Math.abs(predictOutcome(run.model, c, locality) - generated.trueProbability(c, l));
        count++;
      });
    }
    expect(error / count).toBeLessThan(0.1);
  });
});

describe("formatScoresCsv", () => {
  it("scores every case × place and names the localities the history never saw", () => {
    const run = trainOutcomeModel(generated.records, columns, { ...settings, holdout: 0, shrinkage: 10 });
    expect(run.evaluation).toBeUndefined();
    const places = [
      { id: "P1", locality: "L001" },
      { id: "P2", locality: "Nowhere" },
    ];
    const { text, unseen } = formatScoresCsv(run.model, generated.cases.slice(0, 3), places);
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe("case_id,place_id,score");
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/^N000001,P1,0\.\d+$/);
    expect(unseen).toEqual(["Nowhere"]);
  });
});

describe("splitRows", () => {
  it("holds out the asked share, disjoint and reproducible by seed", () => {
    const rows = Array.from({ length: 100 }, (_, i) => i);
    const a = splitRows(rows, 0.2, 9);
    expect(a.heldOut).toHaveLength(20);
    expect(new Set([...a.heldOut, ...a.kept]).size).toBe(100);
    expect(splitRows(rows, 0.2, 9).heldOut).toEqual(a.heldOut);
  });
});
