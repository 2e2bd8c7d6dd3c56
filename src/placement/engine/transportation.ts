import { type AuctionInput, solveByAuction } from "./auction-solver.ts";
import { certifyFlow } from "./flow-certificate.ts";
import type { PlacementModel } from "./placement-model.ts";

/** Exact max-weight assignment under case capacities, with the dual bound that proves it. */
export interface TransportationSolution {
  placeOf: Int32Array;
  objective: number;
  bound: number;
  /** Place prices (duals of the case capacities) that prove `bound`. */
  prices: Float64Array;
  bids: number;
  phases: number;
  cycles: number;
}

/**
 * Slots the auction can afford: every slot brings a dummy bidder, so when places offer far more slots than
 * there are cases (capacity that cannot bind) the successive-shortest-path solver is the better tool.
 */
export function auctionFits(model: PlacementModel, caps: Float64Array): boolean {
  let slots = 0;
  for (let p = 0; p < model.m; p++) slots += caps[p]!;
  return slots <= 4 * Math.max(model.n, 1);
}

/** Auction with ε-scaling, then the exactness pass; maximises total weight (a case may stay out). */
export function solveTransportation(model: PlacementModel, caps: Float64Array): TransportationSolution {
  const input = auctionInput(model, caps);
  const auction = solveByAuction(input);
  const certificate = certifyFlow(input, auction.placeOf, auction.prices);
  return {
    placeOf: certificate.placeOf,
    objective: certificate.objective,
    bound: certificate.bound,
    prices: certificate.prices,
    bids: auction.bids,
    phases: auction.phases,
    cycles: certificate.cycles,
  };
}

function auctionInput(model: PlacementModel, caps: Float64Array): AuctionInput {
  const { n, m } = model;
  const weight = new Float64Array(n * m).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++)
      weight[i * m + model.place[k]!] = model.weight[k]!;
  }
  return { n, m, weight, caps: Int32Array.from(caps, (c) => Math.max(0, Math.floor(c))) };
}
