import type { PlacementCase, PlacementInput, PlacementPlace } from "./placement-types.ts";

// A batch built from a nation's approved resettlement applications: one case per household, with its size,
// the specific needs that call for a service at the place, and its languages, as the pathways capability
// reads them from the registry (no names). The places are the ones the run was given; a household may go only
// to places in the nations its pathway allows. With no outcome model, every allowed pair scores 1: the run
// places as many households as capacities, needs and languages allow, and staff choose among equals.

/** A household to place, as pathways hands it over. */
export interface ApplicationCase {
  /** The case's id in the run: the tracking code of the household's first approved application. */
  caseId: string;
  size: number;
  /** Shared specific-needs codes that need a service at the place (matched against the place's services). */
  needs: string[];
  languages: string[];
  /** Nations whose places the household's pathway allows. */
  nations: string[];
}

/** The solver's input for the households and places: every place in an allowed nation scores 1. */
export function applicationBatch(cases: ApplicationCase[], places: PlacementPlace[]): PlacementInput {
  const caseIndex: number[] = [];
  const placeIndex: number[] = [];
  const placementCases: PlacementCase[] = cases.map((c, i) => {
    const allowed = new Set(c.nations);
    places.forEach((place, p) => {
      if (allowed.has(place.nation)) {
        caseIndex.push(i);
        placeIndex.push(p);
      }
    });
    return {
      id: c.caseId,
      size: c.size,
      needs: [...new Set(c.needs)].sort(),
      languages: [...new Set(c.languages)],
      languageRequired: false,
      preferences: [],
      ties: [],
    };
  });
  return {
    cases: placementCases,
    places,
    scores: {
      caseIndex: Int32Array.from(caseIndex),
      placeIndex: Int32Array.from(placeIndex),
      score: new Float64Array(caseIndex.length).fill(1),
    },
  };
}
