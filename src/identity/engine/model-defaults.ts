import { COMPARISONS } from "./compare.ts";
import { type MatchModel, type TermFrequencies, withWeights } from "./model.ts";

// Share of random pairs of people at each agreement level (disagree first), as seen on registry-like data.
// Used when there are too few records to learn from, e.g. scoring one pair when a person registers.
const RANDOM_SHARES: Record<string, number[]> = {
  given_name: [0.96, 0.01, 0.015, 0.01, 0.005],
  surname: [0.95, 0.005, 0.03, 0.01, 0.005],
  date_of_birth: [0.9851, 0.012, 0.001, 0.0001, 0.0015, 0.0003],
  sex: [0.5, 0.5],
  document_number: [0.99998, 0.00001, 0.00001],
  phone: [0.99998, 0.00001, 0.00001],
  email: [0.99998, 0.00001, 0.00001],
  address: [0.9, 0.08, 0.015, 0.005],
  city: [0.95, 0.01, 0.04],
  postcode: [0.99, 0.005, 0.005],
  region: [0.8, 0.2],
  birth_place: [0.97, 0.005, 0.025],
  nationality: [0.9, 0.1],
};

const MATCH_SHARES: Record<string, number[]> = {
  given_name: [0.03, 0.03, 0.07, 0.17, 0.7],
  surname: [0.03, 0.02, 0.07, 0.18, 0.7],
  date_of_birth: [0.03, 0.02, 0.05, 0.02, 0.1, 0.78],
  sex: [0.02, 0.98],
  document_number: [0.05, 0.1, 0.85],
  phone: [0.2, 0.05, 0.75],
  email: [0.15, 0.05, 0.8],
  address: [0.15, 0.1, 0.15, 0.6],
  city: [0.1, 0.1, 0.8],
  postcode: [0.1, 0.05, 0.85],
  region: [0.05, 0.95],
  birth_place: [0.05, 0.05, 0.9],
  nationality: [0.03, 0.97],
};

const NO_FREQUENCIES: TermFrequencies = {
  total: 1,
  given: new Map(),
  surname: new Map(),
  givenCollision: 1,
  surnameCollision: 1,
};

/**
 * A ready model for scoring single pairs without learning: a prior of one match in 10,000 candidate
 * pairs and m/u shares typical of registry data. Learned models (see `scoreCandidates`) are better.
 */
export function defaultMatchModel(tf: TermFrequencies = NO_FREQUENCIES): MatchModel {
  return withWeights({
    m: COMPARISONS.map((c) => MATCH_SHARES[c.name]!),
    u: COMPARISONS.map((c) => RANDOM_SHARES[c.name]!),
    lambda: 1e-4,
    tf,
  });
}
