import type { PlacementModel } from "./placement-model.ts";
import type { PlacementCase, PlacementInput, PlacementOptions, PlacementPlace } from "./placement-types.ts";

// Family ties and stated preferences, honoured by default. A family's *wish* is its tie places when it has
// relatives somewhere, otherwise its stated preferences. The solver first honours as many families' wishes
// as capacity allows, then maximises the score: each allowed pair at a wish place gets a bonus larger than
// any score the whole batch could gain by moving families, so one more honoured wish always outweighs it.

/** Which kind of wish a family states: relatives' places come before preferences. */
export type WishKind = "tie" | "preference" | "none";

/**
 * What became of a family's wish: `honoured`; `full` (every allowed wish place had no room left for the
 * family); `not-allowed` (no wish place is among its allowed places: no score, needs not served, language);
 * `not-chosen` (a wish place had room, but honouring wishes was switched off or outweighed); `none`.
 */
export type WishStatus = "honoured" | "full" | "not-allowed" | "not-chosen" | "none";

/** One family's wish and what became of it, by place index. */
export interface WishOutcome {
  kind: WishKind;
  status: WishStatus;
  /** Allowed places that would honour the wish. */
  places: number[];
}

/** True when a place is one the family named as where relatives live (place id or locality). */
export function isTiePlace(c: PlacementCase, p: PlacementPlace): boolean {
  return c.ties.some((tie) => tie === p.id || (p.locality !== "" && tie === p.locality));
}

/** True when a place matches one of the family's stated preferences (place id, locality or nation). */
export function isPreferredPlace(c: PlacementCase, p: PlacementPlace): boolean {
  return c.preferences.some(
    (wish) => wish === p.id || (p.locality !== "" && wish === p.locality) || wish === p.nation,
  );
}

/** Whether honouring is on: ties and preferences each default to on. */
function honouring(options: PlacementOptions): { ties: boolean; preferences: boolean } {
  return { ties: options.honourTies ?? true, preferences: options.honourPreferences ?? true };
}

/** The kind of wish a family states (whether or not it is honoured). */
export function wishKind(c: PlacementCase): WishKind {
  if (c.ties.length > 0) return "tie";
  return c.preferences.length > 0 ? "preference" : "none";
}

/** True when the pair (family, place) honours the family's wish. */
export function honoursWish(c: PlacementCase, p: PlacementPlace): boolean {
  const kind = wishKind(c);
  if (kind === "tie") return isTiePlace(c, p);
  return kind === "preference" && isPreferredPlace(c, p);
}

/**
 * Per allowed pair of the model (in its compressed order): 1 where the pair honours a wish the options
 * say to honour. Undefined when no pair does (nothing to add to the objective).
 */
export function wishPairs(
  input: PlacementInput,
  model: PlacementModel,
  options: PlacementOptions,
): Uint8Array | undefined {
  const on = honouring(options);
  if (!on.ties && !on.preferences) return undefined;
  const marks = new Uint8Array(model.place.length);
  let any = false;
  for (let i = 0; i < model.n; i++) {
    const c = input.cases[i]!;
    const kind = wishKind(c);
    if (kind === "none" || (kind === "tie" && !on.ties) || (kind === "preference" && !on.preferences))
      continue;
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++) {
      if (honoursWish(c, input.places[model.place[k]!]!)) {
        marks[k] = 1;
        any = true;
      }
    }
  }
  return any ? marks : undefined;
}

/**
 * The bonus per honoured wish: larger than the most the total weight can differ between any two assignments
 * (each family's best positive weight plus its worst negative one, summed), so the solver never gives up a
 * wish for score.
 */
export function wishBonus(model: PlacementModel): number {
  let total = 0;
  for (let i = 0; i < model.n; i++) {
    let high = 0;
    let low = 0;
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++) {
      high = Math.max(high, model.weight[k]!);
      low = Math.min(low, model.weight[k]!);
    }
    total += high - low;
  }
  return 1 + total;
}

/** The model the solver sees: the same pairs, each wish pair's weight raised by `bonus`. */
export function withWishBonus(model: PlacementModel, marks: Uint8Array, bonus: number): PlacementModel {
  const weight = Float64Array.from(model.weight, (w, k) => (marks[k] ? w + bonus : w));
  return { ...model, weight };
}

/** How many placed families sit on a marked (wish) pair. */
export function countHonoured(model: PlacementModel, marks: Uint8Array, placeOf: Int32Array): number {
  let honoured = 0;
  for (let i = 0; i < model.n; i++) {
    const p = placeOf[i]!;
    if (p < 0) continue;
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++)
      if (model.place[k] === p && marks[k]) honoured++;
  }
  return honoured;
}

/** Persons and cases used at each place. */
function usage(model: PlacementModel, placeOf: Int32Array) {
  const persons = new Float64Array(model.m);
  const cases = new Float64Array(model.m);
  for (let i = 0; i < model.n; i++) {
    const p = placeOf[i]!;
    if (p < 0) continue;
    persons[p]! += model.size[i]!;
    cases[p]! += 1;
  }
  return { persons, cases };
}

/**
 * What became of each family's wish in an assignment. A wish place "has room" for a family when, with the
 * family taken out of wherever it is, its persons and one more case still fit there.
 */
export function wishOutcomes(
  input: PlacementInput,
  model: PlacementModel,
  placeOf: Int32Array,
): WishOutcome[] {
  const used = usage(model, placeOf);
  return input.cases.map((c, i) => {
    const kind = wishKind(c);
    if (kind === "none") return { kind, status: "none", places: [] };
    const places: number[] = [];
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++) {
      if (honoursWish(c, input.places[model.place[k]!]!)) places.push(model.place[k]!);
    }
    if (places.length === 0) return { kind, status: "not-allowed", places };
    if (places.includes(placeOf[i]!)) return { kind, status: "honoured", places };
    const room = places.some(
      (p) =>
        used.persons[p]! + model.size[i]! <= model.capPersons[p]! && used.cases[p]! + 1 <= model.capCases[p]!,
    );
    return { kind, status: room ? "not-chosen" : "full", places };
  });
}

/** A one-line reading of a wish outcome, given place names. */
export function describeWish(w: WishOutcome, placeName: (p: number) => string): string {
  const what = w.kind === "tie" ? "relatives' place" : "stated preference";
  const where = w.places.slice(0, 3).map(placeName).join(", ");
  switch (w.status) {
    case "honoured":
      return `${what} honoured`;
    case "full":
      return `${what} not honoured: no room left for the family at ${where}`;
    case "not-allowed":
      return `${what} not honoured: no allowed place matches it (no score, needs not served or language)`;
    case "not-chosen":
      return `${what} not honoured although ${where} had room (honouring ${w.kind === "tie" ? "ties" : "preferences"} was off)`;
    default:
      return "";
  }
}
