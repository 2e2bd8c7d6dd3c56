import type { PlacementModel } from "./placement-model.ts";

/**
 * A feasible partial assignment with the remaining capacity of each place, kept consistent by its only two
 * mutators. `weight` is the dense n×m weight matrix with NaN where a pair is not allowed.
 */
export class Packing {
  readonly placeOf: Int32Array;
  readonly roomPersons: Float64Array;
  readonly roomCases: Float64Array;
  readonly members: number[][];
  private readonly slot: Int32Array;
  value = 0;

  constructor(
    readonly model: PlacementModel,
    readonly weight: Float64Array,
  ) {
    this.placeOf = new Int32Array(model.n).fill(-1);
    this.roomPersons = Float64Array.from(model.capPersons);
    this.roomCases = Float64Array.from(model.capCases);
    this.members = Array.from({ length: model.m }, () => []);
    this.slot = new Int32Array(model.n);
  }

  /** Weight of case i at place p (NaN when not allowed). */
  w(i: number, p: number): number {
    return this.weight[i * this.model.m + p]!;
  }

  /** True when case i may go to p given p's current room (ignoring where i is now). */
  fits(i: number, p: number, extraPersons = 0, extraCases = 0): boolean {
    return (
      !Number.isNaN(this.w(i, p)) &&
      this.model.size[i]! <= this.roomPersons[p]! + extraPersons &&
      1 <= this.roomCases[p]! + extraCases
    );
  }

  /** Places case i at p (it must be unassigned and fit). */
  place(i: number, p: number): void {
    this.placeOf[i] = p;
    this.roomPersons[p]! -= this.model.size[i]!;
    this.roomCases[p]! -= 1;
    const list = this.members[p]!;
    this.slot[i] = list.length;
    list.push(i);
    this.value += this.w(i, p);
  }

  /** Takes case i out of its place. */
  remove(i: number): void {
    const p = this.placeOf[i]!;
    if (p < 0) return;
    this.placeOf[i] = -1;
    this.roomPersons[p]! += this.model.size[i]!;
    this.roomCases[p]! += 1;
    const list = this.members[p]!;
    const last = list.pop()!;
    if (last !== i) {
      list[this.slot[i]!] = last;
      this.slot[last] = this.slot[i]!;
    }
    this.value -= this.w(i, p);
  }

  /** Copies the assignment into a fresh packing. */
  clone(): Packing {
    const copy = new Packing(this.model, this.weight);
    for (let i = 0; i < this.model.n; i++) if (this.placeOf[i]! >= 0) copy.place(i, this.placeOf[i]!);
    return copy;
  }
}

/** The dense n×m weight matrix with NaN where a pair is not allowed. */
export function denseWeights(model: PlacementModel, extra = 0): Float64Array {
  const weight = new Float64Array(model.n * model.m).fill(Number.NaN);
  for (let i = 0; i < model.n; i++) {
    for (let k = model.start[i]!; k < model.start[i + 1]!; k++) {
      weight[i * model.m + model.place[k]!] = model.weight[k]! + extra;
    }
  }
  return weight;
}
