import type { PlacementModel } from "./placement-model.ts";

/**
 * Every way an assignment can break the contract: a pair that is not allowed, a place over its persons or
 * cases capacity, a family left out although some allowed place still has room for it, a nation below
 * its floor. Empty when the assignment is valid.
 */
export function checkAssignment(
  model: PlacementModel,
  placeOf: Int32Array,
  floors: Map<string, number> = new Map(),
): string[] {
  const { n, m } = model;
  const problems: string[] = [];
  const persons = new Float64Array(m);
  const cases = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const p = placeOf[i]!;
    if (p < 0) continue;
    if (!allowedPlaces(model, i).includes(p))
      problems.push(`case #${i} placed at #${p}, which is not allowed`);
    persons[p]! += model.size[i]!;
    cases[p]! += 1;
  }
  for (let p = 0; p < m; p++) {
    if (persons[p]! > model.capPersons[p]!) problems.push(`place #${p} over its persons capacity`);
    if (cases[p]! > model.capCases[p]!) problems.push(`place #${p} over its cases capacity`);
  }
  for (let i = 0; i < n; i++) {
    if (placeOf[i]! >= 0) continue;
    const fits = allowedPlaces(model, i).some(
      (p) => persons[p]! + model.size[i]! <= model.capPersons[p]! && cases[p]! + 1 <= model.capCases[p]!,
    );
    if (fits) problems.push(`case #${i} unassigned although an allowed place has room`);
  }
  const perNation = new Float64Array(model.nations.length);
  for (let p = 0; p < m; p++) perNation[model.nationOf[p]!]! += cases[p]!;
  model.nations.forEach((code, j) => {
    const floor = floors.get(code) ?? 0;
    if (perNation[j]! < floor)
      problems.push(`nation ${code} receives ${perNation[j]} cases, below its floor ${floor}`);
  });
  return problems;
}

/** Place indices allowed for case i. */
export function allowedPlaces(model: PlacementModel, i: number): number[] {
  const out: number[] = [];
  for (let k = model.start[i]!; k < model.start[i + 1]!; k++) out.push(model.place[k]!);
  return out;
}
