import type { BorderDefinition } from "./policy-pack-rules.ts";
import { type Said, say } from "./reason-english.ts";

// Which of a pack's borders an encounter was met at. Encounters name their border in free text
// ("US-southwest", "Southwest Land Border", "Frontera norte"); the pack lists the words that name each of
// its borders, matched as whole words without case or accents. An encounter with no border is read at the
// pack's default border, and the assessment says so.

export interface CompiledBorders {
  list: { code: string; label: string; names: string[] }[];
  defaultBorder: string | null;
  /** Each border's label by its code, for reasons that name borders. */
  labels: ReadonlyMap<string, string>;
}

/** Where an encounter is placed, and the sentence that explains it when it is not plain. */
export interface PlacedBorder {
  code: string | null;
  /** How reasons name the border: its label, or the text as recorded when the pack does not know it. */
  text: string;
  note: Said | null;
}

/** Lower case, no accents, words separated by single spaces and padded, so " norte " finds a whole word. */
export function normaliseBorderText(text: string): string {
  const plain = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
  return ` ${plain} `;
}

/** Compiles a pack's borders once: names normalised for matching. */
export function compileBorders(
  borders: readonly BorderDefinition[],
  defaultBorder?: string,
): CompiledBorders {
  return {
    list: borders.map((b) => ({ code: b.code, label: b.label, names: b.names.map(normaliseBorderText) })),
    defaultBorder: defaultBorder ?? null,
    labels: new Map(borders.map((b) => [b.code, b.label])),
  };
}

const plainCache = new Map<string, string>();

/** The labels of border codes, for a reader; a code the pack does not define stays as it is. */
export function borderLabels(borders: CompiledBorders, codes: readonly string[]): string[] {
  return codes.map((code) => borders.labels.get(code) ?? code);
}

/** The pack's border for an encounter's recorded `border` text (first listed border whose name it contains). */
export function placeBorder(borders: CompiledBorders, recorded: string | undefined): PlacedBorder {
  if (borders.list.length === 0) return { code: null, text: recorded ?? "unrecorded", note: null };
  if (recorded === undefined) {
    const fallback = borders.list.find((b) => b.code === borders.defaultBorder);
    if (!fallback) return { code: null, text: "an unrecorded border", note: say("border_unrecorded") };
    const note = say("border_default", { border: fallback.label });
    return { code: fallback.code, text: fallback.label, note };
  }
  let plain = plainCache.get(recorded);
  if (plain === undefined) {
    plain = normaliseBorderText(recorded);
    if (plainCache.size > 10_000) plainCache.clear();
    plainCache.set(recorded, plain);
  }
  for (const border of borders.list) {
    for (const name of border.names) {
      if (plain.includes(name)) return { code: border.code, text: border.label, note: null };
    }
  }
  const known = borders.list.map((b) => b.label);
  return { code: null, text: `"${recorded}"`, note: say("border_unknown", { recorded, known }) };
}
