import { describe, expect, it } from "vitest";
import {
  packJson,
  type RawPackJson,
  SHIPPED_PACKS,
  type ShippedJurisdiction,
  usPackJson,
} from "../shipped-packs.test-support.ts";
import { parsePolicyPack } from "./parse-input.ts";

type Json = RawPackJson;

function problemsAfter(change: (json: Json) => void, nation: ShippedJurisdiction = "USA") {
  const json = packJson(nation);
  change(json);
  const result = parsePolicyPack(JSON.stringify(json));
  return result.ok ? [] : result.problems;
}

const SHIPPED = Object.keys(SHIPPED_PACKS) as ShippedJurisdiction[];

/** Every source id a pack cites anywhere. */
function citedIds(json: Json): Set<string> {
  const ids = new Set<string>();
  const walk = (value: unknown, key?: string) => {
    if (key === "citations" && Array.isArray(value)) for (const id of value) ids.add(id as string);
    else if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value !== null && typeof value === "object")
      for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk({ ...json, sources: [] });
  return ids;
}

describe.each(SHIPPED)("the shipped %s pack", (nation) => {
  const json = packJson(nation);

  it("is valid", () => expect(problemsAfter(() => {}, nation)).toEqual([]));

  it("is a draft for the nation's lawyers, and names what it does not cover", () => {
    expect(json.jurisdiction).toBe(nation);
    expect(json.status).toBe("draft");
    expect(json.reviewNotice).toMatch(/lawyers/);
  });

  it("says against which copy each verified source was checked, and what is to be verified in the others", () => {
    for (const source of json.sources) {
      if (source.verification === "verified") expect(source.checkedAgainst, source.id).toMatch(/\w{3}/);
      else expect(`${source.note ?? ""} ${source.title}`, source.id).toMatch(/to be (verified|identified)/i);
    }
  });

  it("cites every source it lists, and lists every source it cites", () => {
    const cited = citedIds(json);
    expect([...cited].sort()).toEqual(json.sources.map((s: Json) => s.id).sort());
  });
});

describe("the shipped US pack", () => {
  const json = usPackJson();

  it.each([
    "85 FR 17060",
    "85 FR 65806",
    "86 FR 9942",
    "86 FR 42828",
    "87 FR 15243",
    "87 FR 19941",
    "87 FR 63507",
    "88 FR 31314; 8 CFR 208.33, 1208.33",
    "8 U.S.C. 1231(b)(3)",
    "8 U.S.C. 1225(b)(1)",
    "No. 6:22-cv-00885 (W.D. La.); 603 F. Supp. 3d 406",
  ])("cites %s", (reference) => {
    expect(json.sources.map((s: Json) => s.reference)).toContain(reference);
  });

  it("dates the announcements and decisions the issue names", () => {
    const dates = json.sources.map((s: Json) => s.date);
    expect(dates).toEqual(
      expect.arrayContaining([
        "2020-03-20",
        "2021-08-02",
        "2022-04-01",
        "2022-05-20",
        "2023-01-05",
        "2022-01-27",
      ]),
    );
  });

  it("ends Title 42 at 11:59 pm Eastern on 11 May 2023 and cites the expiry of the emergency, not the pathways rule", () => {
    const title42 = json.authorities.find((a: Json) => a.code === "title42");
    expect(title42.effective).toEqual({
      from: "2020-03-21",
      until: "2023-05-11T23:59",
      timeZone: "America/New_York",
    });
    expect(title42.citations).toContain("hhs-covid-phe-end-2023");
    expect(title42.citations).not.toContain("clp-rule-2023");
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
      "verified source without the copy it was checked against",
      (j) => {
        delete j.sources[1].checkedAgainst;
      },
      "sources[1].checkedAgainst",
      /copy of the text that was checked/,
    ],
    [
      "unknown border in a rule",
      (j) => {
        j.dispositions[0].acceptance[0].borders = ["eastern"];
      },
      "dispositions[0].acceptance[0].borders[0]",
      /"eastern" is not defined/,
    ],
    [
      "unknown default border",
      (j) => {
        j.defaultBorder = "eastern";
      },
      "defaultBorder",
      /coastal,northern,southwest/,
    ],
    [
      "unknown fact a rule requires",
      (j) => {
        j.dispositions[7].acceptance[0].requires = ["prior_conviction"];
      },
      "dispositions[7].acceptance[0].requires[0]",
      /expected one of/,
    ],
    [
      "unknown authority of a presumption",
      (j) => {
        j.presumptions[0].authorities = ["title99"];
      },
      "presumptions[0].authorities[0]",
      /"title99" is not defined/,
    ],
    [
      "unknown citation in an exception",
      (j) => {
        j.presumptions[0].exceptions[0].citations = ["nope"];
      },
      "presumptions[0].exceptions[0].citations[0]",
      /"nope" is not in sources/,
    ],
    [
      "a receiving nation on a disposition that keeps the person",
      (j) => {
        j.dispositions[4].to = "MEX";
      },
      "dispositions[4].to",
      /only on a return/,
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
