/**
 * Dice similarity of 1024-bit encodings by popcount, in a WebAssembly module assembled here byte by byte
 * (no WAT compiler is needed at build time). `i64.popcnt` over 16 words per pair runs an order of
 * magnitude faster than a popcount written in JavaScript.
 */

export const CLK_BYTES = 128;
const WORDS = CLK_BYTES / 8;

const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  i32Load: 0x28,
  i64Load: 0x29,
  i32Store: 0x36,
  i32Const: 0x41,
  i32GeU: 0x4f,
  f32Ge: 0x60,
  i32Add: 0x6a,
  i32Shl: 0x74,
  i64Popcnt: 0x7b,
  i64Add: 0x7c,
  i64And: 0x83,
  f32Mul: 0x94,
  i32WrapI64: 0xa7,
  f32ConvertI32S: 0xb2,
} as const;
const I32 = 0x7f;
const F32 = 0x7d;
const I64 = 0x7e;
const VOID = 0x40;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];
const get = (i: number) => [op.localGet, i];
const set = (i: number) => [op.localSet, i];
const i32 = (n: number) => [op.i32Const, ...sleb(n)];

// scan(q, base, n, popcounts, qPopcount, threshold, out) -> kept; locals j=7, kept=8, c=9, p=10, query 11..26.
function scanBody(): number[] {
  // The query's words sit in locals 11..26 for the whole scan, so each pair loads only its own 16 words.
  const loadQuery: number[] = [];
  const andCount: number[] = [];
  for (let w = 0; w < WORDS; w++) {
    loadQuery.push(...get(0), op.i64Load, 3, ...uleb(w * 8), ...set(11 + w));
    andCount.push(...get(11 + w), ...get(10), op.i64Load, 3, ...uleb(w * 8));
    andCount.push(op.i64And, op.i64Popcnt, ...(w > 0 ? [op.i64Add] : []));
  }
  const outSlot = [...get(6), ...get(8), ...i32(3), op.i32Shl, op.i32Add];
  // biome-ignore format: one instruction group per line reads like the assembly it is
  const code = [
    ...loadQuery, ...get(1), ...set(10),
    op.block, VOID, op.loop, VOID,
    ...get(7), ...get(2), op.i32GeU, op.brIf, 1,
    ...andCount, op.i32WrapI64, ...set(9),
    ...get(9), ...i32(1), op.i32Shl, op.f32ConvertI32S,
    ...get(5),
    ...get(4), ...get(3), ...get(7), ...i32(2), op.i32Shl, op.i32Add, op.i32Load, 2, 0, op.i32Add, op.f32ConvertI32S,
    op.f32Mul, op.f32Ge,
    op.if, VOID,
    ...outSlot, ...get(7), op.i32Store, 2, 0,
    ...outSlot, ...get(9), op.i32Store, 2, 4,
    ...get(8), ...i32(1), op.i32Add, ...set(8),
    op.end,
    ...get(10), ...i32(CLK_BYTES), op.i32Add, ...set(10),
    ...get(7), ...i32(1), op.i32Add, ...set(7),
    op.br, 0,
    op.end, op.end,
    ...get(8), op.end,
  ];
  return [
    ...vec([
      [4, I32],
      [WORDS, I64],
    ]),
    ...code,
  ];
}

/** The module's bytes: exports `memory` and `scan`. */
export function diceModuleBytes(): Uint8Array {
  const type = [0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [F32], [I32]]), ...vec([[I32]])];
  const body = scanBody();
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([type])),
    ...section(3, vec([[0]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(
      7,
      vec([
        [...name("memory"), 0x02, 0],
        [...name("scan"), 0x00, 0],
      ]),
    ),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ];
  return Uint8Array.from(bytes);
}

/** The slice of the WebAssembly API used here (the project's type libraries leave WebAssembly out). */
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** The compiled scanner over a memory laid out by the caller. */
export interface DiceScanner {
  memory: WasmMemory;
  /** Compares the encoding at `query` with `count` encodings from `base`; writes (index, shared bits) pairs. */
  scan(
    query: number,
    base: number,
    count: number,
    popcounts: number,
    queryPopcount: number,
    threshold: number,
    out: number,
  ): number;
}

/** Instantiates the module synchronously (it is tiny). */
export function createDiceScanner(): DiceScanner {
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const instance = new wasm.Instance(new wasm.Module(diceModuleBytes()), {});
  const exports = instance.exports as unknown as DiceScanner;
  return { memory: exports.memory, scan: exports.scan };
}
