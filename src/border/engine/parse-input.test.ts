import { describe, expect, it } from "vitest";
import { parseChecks, parseEncounter } from "./parse-input.ts";

const valid = {
  date: "2022-03-15",
  citizenship: "VEN",
  demographic: "single_adult",
  border: "US-southwest",
  fearClaim: false,
  medicalEmergency: false,
  traffickingIndicators: [],
  priorResidences: [{ country: "COL", from: "2019-01-01", to: "2021-12-31" }],
};

describe("parseEncounter", () => {
  it("accepts the contract's example", () => {
    const result = parseEncounter(JSON.stringify(valid));
    const defaults = {
      entry: "between_ports",
      appointment: false,
      deniedProtectionInTransit: false,
      imminentThreat: false,
      priorRemovalOrder: false,
    };
    expect(result).toEqual({ ok: true, value: { ...valid, ...defaults } });
  });

  it("reads where the person was met and whether they had an appointment", () => {
    const result = parseEncounter(JSON.stringify({ ...valid, entry: "port_of_entry", appointment: true }));
    expect(result.ok && result.value).toMatchObject({ entry: "port_of_entry", appointment: true });
  });

  it("defaults absent safeguard fields to none recorded", () => {
    const result = parseEncounter('{"date":"2022-03-15","citizenship":"VEN","demographic":"family_unit"}');
    expect(result.ok && result.value).toMatchObject({
      fearClaim: false,
      traffickingIndicators: [],
      priorResidences: [],
    });
  });

  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ["missing date", { date: undefined }, "date", /required/],
    ["impossible date", { date: "2022-02-29" }, "date", /real date.*got "2022-02-29"/],
    ["time without offset", { date: "2023-05-11T23:59:00" }, "date", /offset/],
    ["lower-case citizenship", { citizenship: "ven" }, "citizenship", /alpha-3/],
    ["unknown demographic", { demographic: "adult" }, "demographic", /single_adult/],
    ["fear claim as text", { fearClaim: "yes" }, "fearClaim", /expected boolean/],
    ["unknown kind of entry", { entry: "airport" }, "entry", /between_ports.*port_of_entry/],
    ["appointment as text", { appointment: "yes" }, "appointment", /expected boolean/],
    ["indicators not a list", { traffickingIndicators: "none" }, "traffickingIndicators", /expected array/],
    [
      "residence ends before it starts",
      { priorResidences: [{ country: "COL", from: "2021-01-01", to: "2020-01-01" }] },
      "priorResidences[0].to",
      /on or before/,
    ],
  ])("%s", (_name, change, path, message) => {
    const result = parseEncounter(JSON.stringify({ ...valid, ...change }));
    expect(result.ok ? [] : result.problems).toContainEqual({
      path,
      message: expect.stringMatching(message),
    });
  });
});

describe("parseChecks", () => {
  it.each([
    ['{"priorResidence":{"COL":"verified"}}', true],
    ['{"priorResidence":{"COL":"maybe"}}', false],
    ['{"priorResidence":{"col":"verified"}}', false],
    ["{}", true],
  ])("%s valid: %s", (text, ok) => expect(parseChecks(text).ok).toBe(ok));
});
