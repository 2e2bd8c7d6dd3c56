import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./architecture-graph.ts";

/**
 * The staff app speaks the five languages of the partner nations' officers. English is the reference: every
 * other language carries each of its keys, with the same placeholders, and no empty text; French and
 * Portuguese also carry the `_many` plural form their grammar uses for large numbers.
 */
const folder = path.join(root, "web/src/i18n");
const read = (code: string) => JSON.parse(fs.readFileSync(path.join(folder, `${code}.json`), "utf8"));

function flatten(value: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (inner !== null && typeof inner === "object")
      for (const [k, v] of flatten(inner, `${prefix}${key}.`)) out.set(k, v);
    else out.set(`${prefix}${key}`, String(inner));
  }
  return out;
}

const placeholders = (text: string) =>
  (text.match(/\{\{\s*[\w.]+\s*\}\}/g) ?? []).map((p) => p.replace(/\s/g, "")).sort();

const english = flatten(read("en"));

describe.each(["es", "pt", "fr", "ht"])("the staff app in %s", (code) => {
  const texts = flatten(read(code));

  it("has every English key, and no key English lacks but a plural form of the language", () => {
    expect([...english.keys()].filter((k) => !texts.has(k))).toEqual([]);
    const extra = [...texts.keys()].filter((k) => !english.has(k));
    expect(extra.filter((k) => !(k.endsWith("_many") && english.has(k.replace(/_many$/, "_other"))))).toEqual(
      [],
    );
  });

  it("keeps every placeholder of the English text, and leaves no text empty", () => {
    const wrong = [...english].filter(
      ([k, v]) => texts.has(k) && placeholders(v).join() !== placeholders(texts.get(k) ?? "").join(),
    );
    expect(wrong.map(([k]) => k)).toEqual([]);
    expect([...texts].filter(([, v]) => v.trim() === "").map(([k]) => k)).toEqual([]);
  });

  it("is written in its own language, not left in English", () => {
    if (code === "en") return;
    const untranslated = [...english].filter(
      ([k, v]) => texts.get(k) === v && /[a-z]{3,} [a-z]{3,} [a-z]{3,}/.test(v),
    );
    expect(untranslated.map(([k]) => k)).toEqual([]);
  });
});

describe("plural forms", () => {
  it.each(["pt", "fr"])(
    "%s has a _many form wherever English has a plural, for counts like a million",
    (code) => {
      const texts = flatten(read(code));
      const plurals = [...english.keys()].filter((k) => k.endsWith("_other"));
      expect(plurals.filter((k) => !texts.has(k.replace(/_other$/, "_many")))).toEqual([]);
    },
  );
});
