/**
 * Forward auction with ε-scaling for the transportation structure of placement (capacity in cases).
 *
 * The problem is made a square assignment so the textbook ε-complementary-slackness argument holds: each
 * place p offers cap[p] slots, a "none" object offers n slots (a case left out earns 0), and Σcap dummy
 * bidders with weight 0 everywhere stand for slots left empty. Without the dummies an empty slot could
 * keep a price from an earlier phase and break the bound. Slots of one object sit in a min-heap on price:
 * a bidder always takes the cheapest slot, so an object with many identical slots costs one heap.
 * The result is within (bidders × ε) of the optimum; `flow-certificate.ts` then makes it exact.
 */

import { type CandidateLists, candidateLists } from "./candidate-lists.ts";

/** Dense weights (n × m, −Infinity where not allowed) and slot counts per place. */
export interface AuctionInput {
  n: number;
  m: number;
  weight: Float64Array;
  caps: Int32Array;
}

/** Assignment per case (place or −1) and each place's price relative to leaving a case out. */
export interface AuctionOutcome {
  placeOf: Int32Array;
  prices: Float64Array;
  bids: number;
  phases: number;
}

/**
 * Runs ε-scaling phases down to a final ε small against the weights' spread and the bidder count. It first
 * allows only a few more empty slots than the counts force (fewer dummies, far fewer bids); when the answer
 * uses every one of them, or the limit leaves no perfect assignment (bids run away), it runs again with one
 * dummy per slot, which always has one.
 */
export function solveByAuction(input: AuctionInput, reduction = 6): AuctionOutcome {
  let slots = 0;
  for (let p = 0; p < input.m; p++) slots += input.caps[p]!;
  const placeable = Math.min(slots, placeableCases(input));
  const lean = slots - placeable + Math.ceil(slots / 20) + 1;
  if (lean < slots) {
    const outcome = runScaled(input, lean, reduction);
    if (outcome && !outcome.limitBound) return outcome;
  }
  return runScaled(input, slots, reduction, Number.POSITIVE_INFINITY)!;
}

/** Cases with at least one allowed place that has slots. */
function placeableCases(input: AuctionInput): number {
  let count = 0;
  for (let i = 0; i < input.n; i++) {
    for (let p = 0, row = i * input.m; p < input.m; p++) {
      if (input.caps[p]! > 0 && input.weight[row + p]! > Number.NEGATIVE_INFINITY) {
        count++;
        break;
      }
    }
  }
  return count;
}

/** One ε-scaling run; undefined when a phase exceeds `bidBudget` bids per bidder. */
function runScaled(
  input: AuctionInput,
  dummies: number,
  reduction: number,
  bidBudget = 40,
): (AuctionOutcome & { limitBound: boolean }) | undefined {
  const auction = new SlotAuction(input, dummies);
  const spread = Math.max(weightSpread(input), 1e-9);
  const bidders = input.n + auction.dummies;
  const finalEps = (spread * 1e-7) / bidders;
  let eps = spread / reduction;
  let phases = 0;
  for (;;) {
    if (!auction.runPhase(eps, bidBudget * bidders + 10_000)) return undefined;
    phases++;
    if (eps <= finalEps) break;
    eps = Math.max(eps / reduction, finalEps);
  }
  return {
    placeOf: auction.casePlaces(),
    prices: auction.relativePrices(),
    bids: auction.bids,
    phases,
    limitBound: auction.dummiesLeftOut() === 0,
  };
}

function weightSpread(input: AuctionInput): number {
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < input.weight.length; k++) {
    const w = input.weight[k]!;
    if (w === Number.NEGATIVE_INFINITY) continue;
    if (w < lo) lo = w;
    if (w > hi) hi = w;
  }
  return hi - lo;
}

class SlotAuction {
  readonly dummies: number;
  bids = 0;
  private readonly n: number;
  private readonly m: number;
  private readonly weight: Float64Array;
  /** Slot heaps of all objects laid end to end; object m is "none". */
  private readonly base: Int32Array;
  private readonly count: Int32Array;
  private readonly price: Float64Array;
  private readonly holder: Int32Array;
  private readonly minPrice: Float64Array;
  private readonly secondPrice: Float64Array;
  private readonly objectOf: Int32Array;
  private readonly queue: Int32Array;
  private lists: CandidateLists;
  private readonly listSize: number;
  private listBids = 0;
  private fullScans = 0;

  constructor(input: AuctionInput, dummies: number) {
    const { n, m } = input;
    this.n = n;
    this.m = m;
    this.weight = input.weight;
    this.count = new Int32Array(m + 1);
    let slots = 0;
    for (let p = 0; p < m; p++) {
      this.count[p] = input.caps[p]!;
      slots += input.caps[p]!;
    }
    // Square: n cases + dummies bidders for the places' slots + the "none" slots.
    this.count[m] = n + dummies - slots;
    this.dummies = dummies;
    this.base = new Int32Array(m + 2);
    for (let o = 0; o <= m; o++) this.base[o + 1] = this.base[o]! + this.count[o]!;
    this.price = new Float64Array(this.base[m + 1]!);
    this.holder = new Int32Array(this.base[m + 1]!).fill(-1);
    this.minPrice = new Float64Array(m + 1);
    this.secondPrice = new Float64Array(m + 1);
    for (let o = 0; o <= m; o++) this.refreshTop(o);
    this.objectOf = new Int32Array(n + dummies).fill(-1);
    this.queue = new Int32Array(n + dummies);
    this.listSize = Math.min(m, Math.max(16, Math.ceil(m / 10)));
    this.lists = candidateLists(input.weight, this.minPrice, n, m, this.listSize);
  }

  /** One phase: every bidder starts unassigned, prices carry over, bids until all hold a slot. */
  runPhase(eps: number, maxBids: number): boolean {
    const stopAt = this.bids + maxBids;
    this.refreshLists();
    const total = this.objectOf.length;
    this.objectOf.fill(-1);
    this.holder.fill(-1);
    for (let b = 0; b < total; b++) this.queue[b] = b;
    let head = 0;
    let size = total;
    while (size > 0) {
      if (this.bids > stopAt) return false;
      const bidder = this.queue[head]!;
      head = head + 1 === total ? 0 : head + 1;
      size--;
      const displaced = bidder < this.n ? this.caseBid(bidder, eps) : this.dummyBid(bidder, eps);
      this.bids++;
      if (displaced >= 0) {
        let tail = head + size;
        if (tail >= total) tail -= total;
        this.queue[tail] = displaced;
        size++;
      }
    }
    return true;
  }

  /** Case i bids for its best object; returns the bidder it displaces, or −1. */
  private caseBid(i: number, eps: number): number {
    const { m, weight, minPrice, lists } = this;
    const row = i * m;
    let v1 = -minPrice[m]!;
    let best = m;
    let v2 = Number.NEGATIVE_INFINITY;
    for (let k = lists.start[i]!, end = lists.start[i + 1]!; k < end; k++) {
      const p = lists.place[k]!;
      const v = lists.weight[k]! - minPrice[p]!;
      if (v > v2) {
        if (v > v1) {
          v2 = v1;
          v1 = v;
          best = p;
        } else v2 = v;
      }
    }
    this.listBids++;
    if (v2 < lists.tau[i]!) {
      this.fullScans++;
      // A place off the short list might beat the second best: scan them all.
      v1 = -minPrice[m]!;
      best = m;
      v2 = Number.NEGATIVE_INFINITY;
      for (let p = 0; p < m; p++) {
        const v = weight[row + p]! - minPrice[p]!;
        if (v > v2) {
          if (v > v1) {
            v2 = v1;
            v1 = v;
            best = p;
          } else v2 = v;
        }
      }
    }
    const own = best === m ? 0 : weight[row + best]!;
    v2 = Math.max(v2, own - this.secondPrice[best]!);
    return this.take(i, best, v1, v2, eps);
  }

  /** A dummy (an empty slot's stand-in) bids for the cheapest slot anywhere. */
  private dummyBid(d: number, eps: number): number {
    const { m, minPrice } = this;
    let v1 = Number.NEGATIVE_INFINITY;
    let best = -1;
    let v2 = Number.NEGATIVE_INFINITY;
    for (let o = 0; o <= m; o++) {
      const v = -minPrice[o]!;
      if (v > v1) {
        v2 = v1;
        v1 = v;
        best = o;
      } else if (v > v2) v2 = v;
    }
    v2 = Math.max(v2, -this.secondPrice[best]!);
    return this.take(d, best, v1, v2, eps);
  }

  /** Raises the cheapest slot of `o` to the bid and hands it to the bidder. */
  private take(bidder: number, o: number, v1: number, v2: number, eps: number): number {
    const gain = Number.isFinite(v2) ? v1 - v2 : eps;
    const at = this.base[o]!;
    const displaced = this.holder[at]!;
    this.price[at] = this.minPrice[o]! + gain + eps;
    this.holder[at] = bidder;
    this.objectOf[bidder] = o;
    if (displaced >= 0) this.objectOf[displaced] = -1;
    this.siftDown(o);
    this.refreshTop(o);
    return displaced;
  }

  /** Rebuilds the short lists from today's prices once too many bids had to scan everything. */
  private refreshLists(): void {
    if (this.fullScans > 0.1 * this.listBids) {
      this.lists = candidateLists(this.weight, this.minPrice, this.n, this.m, this.listSize);
    }
    this.listBids = 0;
    this.fullScans = 0;
  }

  private siftDown(o: number): void {
    const { price, holder } = this;
    const at = this.base[o]!;
    const size = this.count[o]!;
    const p0 = price[at]!;
    const h0 = holder[at]!;
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= size) break;
      if (c + 1 < size && price[at + c + 1]! < price[at + c]!) c++;
      if (price[at + c]! >= p0) break;
      price[at + k] = price[at + c]!;
      holder[at + k] = holder[at + c]!;
      k = c;
    }
    price[at + k] = p0;
    holder[at + k] = h0;
  }

  private refreshTop(o: number): void {
    const at = this.base[o]!;
    const size = this.count[o]!;
    const { price } = this;
    this.minPrice[o] = size > 0 ? price[at]! : Number.POSITIVE_INFINITY;
    let second = Number.POSITIVE_INFINITY;
    if (size > 1) second = price[at + 1]!;
    if (size > 2) second = Math.min(second, price[at + 2]!);
    this.secondPrice[o] = second;
  }

  /** Dummies holding a "none" slot: empty slots the answer could have had but did not use. */
  dummiesLeftOut(): number {
    let out = 0;
    for (let d = this.n; d < this.objectOf.length; d++) if (this.objectOf[d] === this.m) out++;
    return out;
  }

  /** Place of each case, −1 for those holding a "none" slot. */
  casePlaces(): Int32Array {
    const placeOf = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const o = this.objectOf[i]!;
      placeOf[i] = o === this.m ? -1 : o;
    }
    return placeOf;
  }

  /** Each place's cheapest slot price minus that of "none": the dual price of its capacity. */
  relativePrices(): Float64Array {
    const out = new Float64Array(this.m);
    const none = this.minPrice[this.m]!;
    for (let p = 0; p < this.m; p++) {
      out[p] = Number.isFinite(this.minPrice[p]!) ? Math.max(0, this.minPrice[p]! - none) : 0;
    }
    return out;
  }
}
