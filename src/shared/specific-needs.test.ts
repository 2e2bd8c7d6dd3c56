import { describe, expect, it } from "vitest";
import {
  isSpecificNeed,
  LEGACY_SPECIFIC_NEEDS,
  SPECIFIC_NEED_LABELS,
  SPECIFIC_NEEDS,
  specificNeedOf,
} from "./specific-needs.ts";

describe("the shared specific-needs vocabulary", () => {
  it("labels every code in five distinct non-empty texts and no code it does not hold", () => {
    expect(Object.keys(SPECIFIC_NEED_LABELS).sort()).toEqual([...SPECIFIC_NEEDS].sort());
    for (const code of SPECIFIC_NEEDS) {
      const labels = SPECIFIC_NEED_LABELS[code];
      expect(labels.every((l) => l.trim().length > 0)).toBe(true);
      // es and en always differ, so an untranslated copy shows up here.
      expect(labels[0]).not.toBe(labels[1]);
    }
  });

  it("reads the codes earlier versions wrote as codes of the vocabulary, and nothing else", () => {
    for (const [old, now] of Object.entries(LEGACY_SPECIFIC_NEEDS)) {
      expect(isSpecificNeed(old)).toBe(false);
      expect(specificNeedOf(old)).toBe(now);
    }
    expect(specificNeedOf("woman_at_risk")).toBe("woman_at_risk");
    expect(specificNeedOf("constructor")).toBeUndefined();
    expect(specificNeedOf("toString")).toBeUndefined();
  });
});
