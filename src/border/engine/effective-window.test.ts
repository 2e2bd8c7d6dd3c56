import { describe, expect, it } from "vitest";
import { isCalendarDate, isKnownTimeZone, isLocalMoment, isOffsetInstant } from "../moments.contract.ts";
import { compileWindow, isInForce, toEncounterMoment, zonedLocalToEpochMs } from "./effective-window.ts";

describe("date formats", () => {
  it.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2000-02-29", true],
    ["1900-02-29", false],
    ["2022-04-31", false],
    ["2022-12-31", true],
    ["2022-00-10", false],
    ["2022-13-01", false],
    ["2022-3-1", false],
    ["20220301", false],
  ])("isCalendarDate(%s) is %s", (text, expected) => expect(isCalendarDate(text)).toBe(expected));

  it.each([
    ["2023-05-11T23:59", true],
    ["2023-05-11T23:59:30", true],
    ["2023-05-11T24:00", false],
    ["2023-05-11T23:59Z", false],
  ])("isLocalMoment(%s) is %s", (text, expected) => expect(isLocalMoment(text)).toBe(expected));

  it.each([
    ["2023-05-11T23:59:00-04:00", true],
    ["2023-05-12T03:59Z", true],
    ["2023-05-11T23:59:00", false],
    ["2023-02-30T10:00Z", false],
  ])("isOffsetInstant(%s) is %s", (text, expected) => expect(isOffsetInstant(text)).toBe(expected));

  it("knows IANA zones and rejects made-up ones", () => {
    expect(isKnownTimeZone("America/New_York")).toBe(true);
    expect(isKnownTimeZone("Eastern/Nowhere")).toBe(false);
  });
});

describe("zonedLocalToEpochMs", () => {
  it.each([
    ["2023-05-11T23:59", "America/New_York", "2023-05-12T03:59:00.000Z"],
    ["2020-01-15", "America/New_York", "2020-01-15T05:00:00.000Z"],
    ["2022-03-13T03:30", "America/New_York", "2022-03-13T07:30:00.000Z"],
    ["2022-11-06T01:30", "America/New_York", "2022-11-06T05:30:00.000Z"],
    ["2022-01-27", "America/Bogota", "2022-01-27T05:00:00.000Z"],
    ["2022-01-27", "UTC", "2022-01-27T00:00:00.000Z"],
  ])("%s in %s is %s", (local, zone, iso) => {
    expect(new Date(zonedLocalToEpochMs(local, zone)).toISOString()).toBe(iso);
  });
});

describe("isInForce", () => {
  const title42 = compileWindow("2020-03-21", "2023-05-11T23:59", "America/New_York");
  it.each([
    ["2020-03-20", false],
    ["2020-03-21", true],
    ["2023-05-11", true],
    ["2023-05-12", false],
    ["2020-03-21T00:00:00-04:00", true],
    ["2020-03-21T03:59:59Z", false],
    ["2023-05-11T23:58:59-04:00", true],
    ["2023-05-11T23:59:00-04:00", false],
    ["2023-05-11T22:59:00-05:00", false],
  ])("Title 42 window on %s is %s", (date, expected) => {
    expect(isInForce(title42, toEncounterMoment(date))).toBe(expected);
  });

  it("treats absent bounds as open", () => {
    const always = compileWindow(undefined, undefined, "UTC");
    expect(isInForce(always, toEncounterMoment("1900-01-01"))).toBe(true);
    expect(isInForce(always, toEncounterMoment("2999-12-31T00:00Z"))).toBe(true);
  });
});
