import { describe, expect, it } from "vitest";
import { formatField, formatPath } from "./field-path.ts";

describe("formatPath", () => {
  it("writes indexes in brackets and names with dots, from the first name without a dot", () => {
    expect(formatPath(["a", 0, "b", 2])).toBe("a[0].b[2]");
    expect(formatPath([0, "value"])).toBe("[0].value");
    expect(formatPath([])).toBe("");
  });

  it("quotes a key that is not a plain name", () => {
    expect(formatPath(["links", "a b"])).toBe('links["a b"]');
  });

  it("keeps the first and last levels of a very deep path around an ellipsis", () => {
    const deep = Array.from({ length: 40 }, (_, i) => (i % 2 ? i : `k${i}`));
    const shown = formatPath(deep);
    expect(shown.startsWith("k0[1].k2")).toBe(true);
    expect(shown).toContain("…");
    expect(shown.endsWith("k38[39]")).toBe(true);
  });
});

describe("formatField", () => {
  it("writes locations the way a person reads them", () => {
    expect(formatField("body", ["links", 3, "value"])).toBe("body.links[3].value");
    expect(formatField("query", ["given"])).toBe("query.given");
    expect(formatField("body", ["a b"])).toBe('body["a b"]');
    expect(formatField("body", ["k".repeat(100)])).toBe(`body["${"k".repeat(64)}…"]`);
    expect(
      formatField(
        "body",
        Array.from({ length: 40 }, (_, i) => i),
      ),
    ).toBe(
      `body${[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((i) => `[${i}]`).join("")}…${[
        24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39,
      ]
        .map((i) => `[${i}]`)
        .join("")}`,
    );
  });
});
