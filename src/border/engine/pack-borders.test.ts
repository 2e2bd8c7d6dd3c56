import { describe, expect, it } from "vitest";
import { EncounterInput } from "../border.contract.ts";
import { loadShippedPack } from "../shipped-packs.test-support.ts";
import { assessDisposition } from "./assess-disposition.ts";
import { compileBorders, normaliseBorderText, placeBorder } from "./pack-borders.ts";

// The encounter's `border` is used: the pack places the free text at one of its borders, and a rule limited
// to a border does not apply elsewhere.

const us = loadShippedPack("USA");
const borders = compileBorders(us.borders, us.defaultBorder);

describe("placeBorder", () => {
  it.each([
    ["US-southwest", "southwest"],
    ["Southwest Land Border", "southwest"],
    ["El Paso Sector", "southwest"],
    ["Northern Land Border", "northern"],
    ["Coastal Border", "coastal"],
    ["Adjacent coastal border (Pacific coast)", "adjacent_coastal"],
    ["  SOUTHWEST  ", "southwest"],
  ])("places %j at the %s border", (text, code) => {
    expect(placeBorder(borders, text)).toMatchObject({ code, note: null });
  });

  it("matches whole words only, without case or accents", () => {
    expect(normaliseBorderText("Frontera Norte, Ciudad Juárez")).toBe(" frontera norte ciudad juarez ");
    expect(placeBorder(borders, "Northernmost point")).toMatchObject({ code: null });
  });

  it("reads an unrecorded border at the pack's default, and says so", () => {
    const placed = placeBorder(borders, undefined);
    expect(placed).toMatchObject({ code: "southwest", note: { why: { code: "border_default" } } });
    expect(placed.note?.text).toContain("no border was recorded");
  });

  it("names the borders it knows when it cannot place the text", () => {
    const placed = placeBorder(borders, "Atlantic airport");
    expect(placed).toMatchObject({ code: null, note: { why: { code: "border_unknown" } } });
    expect(placed.note?.why.params).toMatchObject({ recorded: "Atlantic airport" });
    expect(placed.note?.text).toContain("the northern land border (with Canada)");
  });
});

describe("rules limited to a border", () => {
  const assess = (facts: Record<string, unknown>) =>
    assessDisposition(
      EncounterInput.parse({ date: "2021-06-01", citizenship: "GTM", demographic: "single_adult", ...facts }),
      us,
    );
  const expulsionToMexico = (facts: Record<string, unknown>) =>
    assess(facts).dispositions.find((d) => d.code === "expulsion" && d.to === "MEX");

  it("keeps Title 42 at the northern border, without expulsion to Mexico there", () => {
    const out = assess({ border: "Northern Land Border" });
    expect(out.authority).toBe("title42");
    expect(expulsionToMexico({ border: "Northern Land Border" })).toMatchObject({
      eligible: false,
      reasons: expect.arrayContaining([
        expect.stringMatching(/only at the southwest, adjacent_coastal border/),
      ]),
    });
    expect(expulsionToMexico({ border: "US-southwest" })?.eligible).toBe(true);
  });

  it("does not assess under Title 42 an encounter at a border the orders did not cover", () => {
    const out = assess({ border: "Coastal Border, Miami Sector" });
    expect(out.authority).toBe("title8");
    expect(out.dispositions[0]?.reasons[0]).toMatch(/does not apply at the coastal border away from Mexico/);
  });

  it("assesses an unknown border under the authority that covers every border, and says why", () => {
    const out = assess({ border: "Atlantic airport" });
    expect(out.authority).toBe("title8");
    expect(out.dispositions[0]?.reasons[0]).toMatch(/is not one this pack knows/);
  });
});
