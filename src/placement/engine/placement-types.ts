/** A family to place; it moves as one unit (families are never split). */
export interface PlacementCase {
  id: string;
  size: number;
  /** Services the family must find at its place (medical, accessibility, schooling, …). */
  needs: string[];
  /** Languages the family speaks. */
  languages: string[];
  /** When true, the place must support at least one of `languages`. */
  languageRequired: boolean;
  /** Ranked wishes, most wanted first: place ids, localities or nations. */
  preferences: string[];
  /** Place ids or localities where relatives already live. */
  ties: string[];
}

/** A pledged place: a locality in a nation with capacity in persons and optionally in cases. */
export interface PlacementPlace {
  id: string;
  nation: string;
  locality: string;
  capacityPersons: number;
  capacityCases: number | undefined;
  services: string[];
  languages: string[];
}

/** Supplied scores as parallel arrays (one entry per allowed pair). */
export interface ScoreList {
  caseIndex: Int32Array;
  placeIndex: Int32Array;
  score: Float64Array;
}

/** Everything the solver reads, already validated. */
export interface PlacementInput {
  cases: PlacementCase[];
  places: PlacementPlace[];
  scores: ScoreList;
}

/** Knobs of the optimisation, all optional. */
export interface PlacementOptions {
  /** Added to a pair's weight for a stated preference, scaled by rank (first wish gets all of it). */
  preferenceWeight?: number;
  /** Added to a pair's weight when the family has relatives at the place. */
  tieWeight?: number;
  /**
   * Honour family ties first (default true): a family with relatives at a place goes there whenever capacity
   * allows, before any score is weighed (see `wishes.ts`).
   */
  honourTies?: boolean;
  /** Honour the stated preferences of families without ties the same way (default true). */
  honourPreferences?: boolean;
  /** Minimum number of cases each nation receives (when feasible). */
  nationFloors?: Map<string, number>;
  /** `score`: maximise total weight; `cases`: maximise the number of cases placed first, then weight. */
  priority?: "score" | "cases";
  /** Wall-clock budget for heuristics and HiGHS, in seconds. */
  timeLimitSeconds?: number;
  /** Seed for the local search. */
  seed?: number;
}

/** One case's outcome: place index or -1, with the supplied score of that pair. */
export interface PlacementResult {
  placeOf: Int32Array;
  /** Total optimised weight of the assignment (score plus preference and tie bonuses). */
  objective: number;
  /** Proven upper bound on the best achievable objective. */
  bound: number;
  gap: number;
  assigned: number;
  unassigned: number;
  method: "flow" | "heuristic" | "milp";
  optimal: boolean;
  /** Families placed where their wish (tie, or else stated preference) is honoured, among those honoured by option. */
  wishesHonoured: number;
}
