/**
 * A min-heap over a fixed set of ids whose keys never change, popped lazily. Used for "the best free case
 * for this place": cases only ever stop being free, so stale tops are simply discarded.
 */
export class StaticHeap {
  private size: number;

  constructor(
    private readonly ids: Int32Array,
    private readonly keys: Float64Array,
  ) {
    this.size = ids.length;
    for (let at = (this.size >> 1) - 1; at >= 0; at--) this.siftDown(at);
  }

  /** The id with the smallest key among those not stale, or -1. */
  top(isStale: (id: number) => boolean): number {
    while (this.size > 0 && isStale(this.ids[0]!)) {
      this.size--;
      this.ids[0] = this.ids[this.size]!;
      this.keys[0] = this.keys[this.size]!;
      this.siftDown(0);
    }
    return this.size > 0 ? this.ids[0]! : -1;
  }

  /** The key of the current top (Infinity when empty). */
  topKey(): number {
    return this.size > 0 ? this.keys[0]! : Number.POSITIVE_INFINITY;
  }

  /** The current top without cleaning (-1 when empty). */
  peek(): number {
    return this.size > 0 ? this.ids[0]! : -1;
  }

  private siftDown(start: number): void {
    const { ids, keys, size } = this;
    const id = ids[start]!;
    const key = keys[start]!;
    let at = start;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && keys[right]! < keys[left]! ? right : left;
      if (keys[child]! >= key) break;
      ids[at] = ids[child]!;
      keys[at] = keys[child]!;
      at = child;
    }
    ids[at] = id;
    keys[at] = key;
  }
}
