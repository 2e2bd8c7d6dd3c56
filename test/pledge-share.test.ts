import { describe, expect, it } from "vitest";
import { deliveredShare } from "../web/src/pages/pathways/pledge-share.ts";

describe("the share of a pledge delivered", () => {
  it("shows a few persons against a large pledge as a small share, not 0 %", () => {
    // The demo journey's two persons arrived against the United States' pledge of 125,000.
    expect(deliveredShare(2, 125_000, "en")).toBe("0.0016%");
    expect(deliveredShare(2, 125_000, "es")).not.toMatch(/^0\s?%$/);
  });

  it("reads in the reader's locale and says nothing pledged with a dash", () => {
    expect(deliveredShare(1, 3, "en")).toBe("33%");
    expect(deliveredShare(1, 3, "fr")).toMatch(/^33\s%$/);
    expect(deliveredShare(0, 100, "en")).toBe("0%");
    expect(deliveredShare(5, 0, "en")).toBe("—");
  });
});
