import { describe, expect, it } from "vitest";
import { parsePolicyPack } from "./parse-input.ts";
import { type RawPackJson, usPackJson } from "./us-pack.fixture.ts";

type Json = RawPackJson;

function problemsAfter(change: (json: Json) => void) {
  const json = usPackJson();
  change(json);
  const result = parsePolicyPack(JSON.stringify(json));
  return result.ok ? [] : result.problems;
}

describe("the shipped US 2020–2023 pack", () => {
  const json = usPackJson();

  it("is valid", () => expect(problemsAfter(() => {})).toEqual([]));

  it("is marked as an example for lawyers to review, every source unverified", () => {
    expect(json.status).toBe("example");
    expect(json.reviewNotice).toMatch(/lawyers/);
    expect(json.sources.every((s: Json) => s.verification === "unverified")).toBe(true);
  });

  it.each(["85 FR 17060", "86 FR 9942", "87 FR 15243", "87 FR 63507"])("cites %s", (reference) => {
    expect(json.sources.map((s: Json) => s.reference)).toContain(reference);
  });

  it("dates the announcements the issue names", () => {
    const dates = json.sources.map((s: Json) => s.date);
    expect(dates).toEqual(expect.arrayContaining(["2020-03-20", "2023-01-05", "2022-01-27", "2022-04-27"]));
  });
});

describe("pack validation reports the path and what was expected", () => {
  it.each<[string, (json: Json) => void, string, RegExp]>([
    [
      "invalid date",
      (j) => {
        j.authorities[0].effective.from = "2020-02-30";
      },
      "authorities[0].effective.from",
      /expected a real local date.*got "2020-02-30"/,
    ],
    [
      "unknown zone",
      (j) => {
        j.timeZone = "Mars/Base";
      },
      "timeZone",
      /IANA time zone/,
    ],
    [
      "window backwards",
      (j) => {
        j.authorities[0].effective.until = "2019-01-01";
      },
      "authorities[0].effective.until",
      /before `until`/,
    ],
    [
      "unknown citation",
      (j) => {
        j.dispositions[0].acceptance[2].citations = ["nope"];
      },
      "dispositions[0].acceptance[2].citations[0]",
      /"nope" is not in sources/,
    ],
    [
      "missing citations",
      (j) => {
        delete j.safeguards[0].citations;
      },
      "safeguards[0].citations",
      /required: expected array/,
    ],
    [
      "empty citations",
      (j) => {
        j.authorities[1].citations = [];
      },
      "authorities[1].citations",
      /at least one citation/,
    ],
    [
      "unknown authority",
      (j) => {
        j.dispositions[2].authorities = ["title99"];
      },
      "dispositions[2].authorities[0]",
      /"title99" is not defined/,
    ],
    [
      "unknown default",
      (j) => {
        j.defaultAuthority = "title99";
      },
      "defaultAuthority",
      /title42,title8/,
    ],
    [
      "duplicate source",
      (j) => {
        j.sources.push(j.sources[0]);
      },
      `sources[${usPackJson().sources.length}].id`,
      /appears twice/,
    ],
    [
      "return without destination",
      (j) => {
        delete j.dispositions[0].to;
      },
      "dispositions[0].to",
      /`to` on a return/,
    ],
    [
      "bad disposition code",
      (j) => {
        j.dispositions[0].code = "deport";
      },
      "dispositions[0].code",
      /expected one of/,
    ],
    [
      "bad citizenship",
      (j) => {
        j.dispositions[0].acceptance[0].citizenships = ["Mexico"];
      },
      "dispositions[0].acceptance[0].citizenships[0]",
      /alpha-3/,
    ],
    [
      "typo in a field name",
      (j) => {
        j.authorities[0].efective = {};
      },
      "authorities[0]",
      /unknown field\(s\) efective/,
    ],
    [
      "wrong format",
      (j) => {
        j.format = "v2";
      },
      "format",
      /hemisphere.border-policy-pack\/1/,
    ],
  ])("%s", (_name, change, path, message) => {
    const problems = problemsAfter(change);
    expect(problems).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("reports invalid JSON at the top level", () => {
    const result = parsePolicyPack("{ not json");
    expect(result.ok ? [] : result.problems).toEqual([
      { path: "(top level)", message: expect.stringMatching(/^invalid JSON/) },
    ]);
  });
});
