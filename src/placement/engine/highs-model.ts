import type { PlacementModel } from "./placement-model.ts";

/** A linear model in HiGHS's sparse column form (maximisation; one column per allowed pair). */
export interface LinearModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: {
    format: "csc";
    numRows: number;
    numCols: number;
    starts: Int32Array;
    indices: Int32Array;
    values: Float64Array;
  };
}

/**
 * The placement problem as a linear model: maximise Σ weight·x over allowed pairs, one place per case,
 * persons and cases capacity per place, optional minimum cases per nation. Column k is the k-th allowed
 * pair of `model`, so solutions map straight back. With `countWeight` every placed case also earns that
 * constant (lexicographic "most cases first" when it exceeds the total weight).
 */
export function buildLinearModel(
  model: PlacementModel,
  floors: Map<string, number> = new Map(),
  countWeight = 0,
): LinearModel {
  const { n, m } = model;
  const nationRows = model.nations.map((code) => floors.get(code) ?? 0);
  const numRows = n + 2 * m + model.nations.length;
  const numCols = model.place.length;
  const perCol = 4;
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(numCols * perCol);
  const values = new Float64Array(numCols * perCol);
  const colCost = new Float64Array(numCols);
  let nz = 0;
  for (let i = 0; i < n; i++) {
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++) {
      const p = model.place[k]!;
      colCost[k] = model.weight[k]! + countWeight;
      const rows = [i, n + p, n + m + p, n + 2 * m + model.nationOf[p]!];
      const coefs = [1, model.size[i]!, 1, 1];
      for (let r = 0; r < perCol; r++) {
        indices[nz] = rows[r]!;
        values[nz++] = coefs[r]!;
      }
      starts[k + 1] = nz;
    }
  }
  const rowLower = new Float64Array(numRows).fill(Number.NEGATIVE_INFINITY);
  const rowUpper = new Float64Array(numRows).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) rowUpper[i] = 1;
  for (let p = 0; p < m; p++) {
    rowUpper[n + p] = model.capPersons[p]!;
    rowUpper[n + m + p] = model.capCases[p]!;
  }
  nationRows.forEach((floor, j) => {
    if (floor > 0) rowLower[n + 2 * m + j] = floor;
  });
  return {
    numCols,
    numRows,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: "csc", numRows, numCols, starts, indices, values },
  };
}

/** Rounds a HiGHS primal vector into a place per case (-1 when none). */
export function placementFromPrimal(model: PlacementModel, primal: ArrayLike<number>): Int32Array {
  const placeOf = new Int32Array(model.n).fill(-1);
  for (let i = 0; i < model.n; i++) {
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++) {
      if ((primal[k] ?? 0) > 0.5) placeOf[i] = model.place[k]!;
    }
  }
  return placeOf;
}
