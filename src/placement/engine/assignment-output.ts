import { csvCell } from "../../shared/csv-write.ts";
import { type CaseExplanation, describeExplanation } from "./explain.ts";
import type { PlacementModel } from "./placement-model.ts";
import type { PlacementInput, PlacementResult } from "./placement-types.ts";
import { describeWish, type WishOutcome } from "./wishes.ts";

/** ASSIGN.csv: `case_id,place_id,score`, every case once in input order, empty place when unassigned. */
export function formatAssignmentCsv(
  input: PlacementInput,
  model: PlacementModel,
  placeOf: Int32Array,
): string {
  const lines = ["case_id,place_id,score"];
  for (let i = 0; i < model.n; i++) {
    const p = placeOf[i]!;
    const id = csvCell(input.cases[i]!.id);
    if (p < 0) {
      lines.push(`${id},,`);
      continue;
    }
    let score = 0;
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++)
      if (model.place[k] === p) score = model.score[k]!;
    lines.push(`${id},${csvCell(input.places[p]!.id)},${score}`);
  }
  return `${lines.join("\n")}\n`;
}

/** SUMMARY.json content: the contract's six fields first, then how the result was obtained. */
export function formatSummary(result: PlacementResult, seconds: number): string {
  const round = (x: number) => Math.round(x * 1e9) / 1e9;
  const summary = {
    objective: round(result.objective),
    bound: round(result.bound),
    gap: round(result.gap),
    assigned: result.assigned,
    unassigned: result.unassigned,
    seconds: Math.round(seconds * 1000) / 1000,
    method: result.method,
    optimal: result.optimal,
    wishesHonoured: result.wishesHonoured,
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}

/**
 * EXPLAIN.csv: one line per case with its rank, next-best place, difference and a readable reason, then its
 * wish (`tie`, `preference` or `none`) and what became of it (`honoured`, `full`, `not-allowed`, …).
 */
export function formatExplanationCsv(
  input: PlacementInput,
  explanations: CaseExplanation[],
  wishes: WishOutcome[],
): string {
  const name = (p: number) => input.places[p]!.id;
  const num = (x: number | undefined) => (x === undefined ? "" : String(Math.round(x * 1e6) / 1e6));
  const lines = [
    "case_id,place_id,score,rank,allowed,next_best_place_id,next_best_score,difference,reason,wish,wish_status",
  ];
  for (const e of explanations) {
    lines.push(
      [
        csvCell(input.cases[e.caseIndex]!.id),
        e.place >= 0 ? csvCell(name(e.place)) : "",
        num(e.weight),
        e.rank ?? "",
        e.allowed,
        e.nextBest === undefined ? "" : csvCell(name(e.nextBest)),
        num(e.nextBestWeight),
        num(e.difference),
        csvCell(
          [describeWish(wishes[e.caseIndex]!, name), describeExplanation(e, name)].filter(Boolean).join("; "),
        ),
        wishes[e.caseIndex]!.kind,
        wishes[e.caseIndex]!.status,
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}
