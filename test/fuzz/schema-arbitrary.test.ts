import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryFor, type JsonSchema, referencesIn, type Vocabulary } from "./schema-arbitrary.ts";

const own = "11111111-1111-4111-8111-111111111111";
const foreign = "22222222-2222-4222-8222-222222222222";
const words = (hostility: number): Vocabulary => ({
  ownIds: [own],
  foreignIds: [foreign],
  knownStrings: ["USA", "usa-fuzz"],
  hostility,
});

const body: JsonSchema = {
  type: "object",
  properties: {
    personId: { type: "string", format: "uuid" },
    nation: { type: "string", pattern: "^[A-Z]{3}$" },
    places: { type: "integer", minimum: 0, maximum: 2147483647 },
    on: { type: "string", format: "date" },
    status: { type: "string", enum: ["accepted", "rejected"] },
    tags: { type: "array", items: { type: "string", maxLength: 5 }, maxItems: 3 },
    note: { type: ["string", "null"], minLength: 1, maxLength: 10 },
  },
  required: ["personId", "nation", "places", "on", "status"],
};

describe("values generated from a schema", () => {
  it("keep to the schema when no hostility is asked for", () => {
    for (const value of fc.sample(arbitraryFor(body, words(0)), { seed: 1, numRuns: 200 })) {
      const v = value as Record<string, unknown>;
      expect(v.personId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(v.nation).toMatch(/^[A-Z]{3}$/);
      expect(Number.isInteger(v.places) && (v.places as number) >= 0).toBe(true);
      expect(v.on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(["accepted", "rejected"]).toContain(v.status);
      expect((v.tags as string[] | undefined)?.length ?? 0).toBeLessThanOrEqual(3);
    }
  });

  it("offer hostile leaves and other nations' ids when asked", () => {
    const values = fc
      .sample(arbitraryFor(body, words(8)), { seed: 2, numRuns: 300 })
      .map((v) => JSON.stringify(v));
    expect(values.some((v) => v.includes("\\u0000"))).toBe(true);
    expect(values.some((v) => v.includes("\\ud800") || v.includes("\\udfff") || v.includes("\\udc00"))).toBe(
      true,
    );
    expect(values.some((v) => v.includes(foreign))).toBe(true);
    expect(values.some((v) => v.includes("2147483648"))).toBe(true);
  });

  it("are replayed exactly from the same seed", () => {
    const once = fc.sample(arbitraryFor(body, words(3)), { seed: 9, numRuns: 20 });
    expect(fc.sample(arbitraryFor(body, words(3)), { seed: 9, numRuns: 20 })).toEqual(once);
  });
});

describe("references in a body", () => {
  it("are the strings where the schema expects a uuid, however deep", () => {
    const schema: JsonSchema = {
      type: "object",
      properties: {
        personId: { type: "string", format: "uuid" },
        name: { type: "string" },
        links: { type: "array", items: { anyOf: [{ type: "string", format: "uuid" }, { type: "null" }] } },
      },
    };
    expect(referencesIn(schema, { personId: own, name: foreign, links: [foreign, null] })).toEqual([
      own,
      foreign,
    ]);
  });
});
