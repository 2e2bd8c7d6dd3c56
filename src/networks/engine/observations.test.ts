import { describe, expect, it } from "vitest";
import { escapeHtml, renderCaseFile } from "./case-file.ts";
import { observationFromRow, prepareObservations } from "./observations.ts";

describe("prepareObservations", () => {
  const cases: {
    name: string;
    source: [string, string];
    target: [string, string];
    observedAt?: string;
    want: string;
  }[] = [
    {
      name: "phone spellings meet in E.164",
      source: ["person", "P-1"],
      target: ["mobile", "0052-5512345678"],
      want: "phone:+525512345678",
    },
    {
      name: "accounts lose spaces and dashes",
      source: ["person", "P-1"],
      target: ["bank account", "ab-12 34"],
      want: "account:AB1234",
    },
    {
      name: "a date-time keeps its day",
      source: ["person", "P-1"],
      target: ["plate", "x 1"],
      observedAt: "2024-03-05T23:10:00Z",
      want: "plate:X1",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { links, problems } = prepareObservations([
        {
          source: { type: c.source[0], value: c.source[1] },
          target: { type: c.target[0], value: c.target[1] },
          ...(c.observedAt ? { observedAt: c.observedAt } : {}),
        },
      ]);
      expect(problems).toEqual([]);
      expect(`${links[0]?.target.type}:${links[0]?.target.value}`).toBe(c.want);
      if (c.observedAt) expect(links[0]?.observedOn).toBe("2024-03-05");
    });
  }

  it("names every problem by index and field", () => {
    const { problems } = prepareObservations([
      { source: { type: "", value: "x" }, target: { type: "phone", value: "+1 202 555 0101" } },
      { source: { type: "person", value: "P" }, target: { type: "person", value: "P" } },
      {
        source: { type: "person", value: "P" },
        target: { type: "phone", value: "- -" },
        observedAt: "yesterday",
      },
    ]);
    expect(problems.map((p) => `${p.index}:${p.field}`)).toEqual([
      "0:source.type",
      "1:target",
      "2:target.value",
      "2:observedAt",
    ]);
  });

  it("reads a links-file row in the CLI's column order", () => {
    expect(observationFromRow(["person", "P-1", "phone", "+1", "called", "", "C-1"])).toEqual({
      source: { type: "person", value: "P-1" },
      target: { type: "phone", value: "+1" },
      kind: "called",
      caseRef: "C-1",
    });
  });
});

describe("case file", () => {
  it("escapes every value taken from data", () => {
    expect(escapeHtml(`<script>"x"&'y'</script>`)).toBe(
      "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;",
    );
    const entity = { id: "e1", type: "alias", value: "<img src=x onerror=alert(1)>" };
    const html = renderCaseFile(
      {
        id: "C1",
        score: 0.9,
        flagged: true,
        size: 1,
        keyActors: [{ entity, reasons: ["uses 2 aliases"] }],
        indicators: [],
        members: [{ entity, score: 1 }],
      },
      [],
      { nation: "USA", exportedBy: "inv@usa", exportedAt: "2024-01-01T00:00:00.000Z", anchor: entity },
    );
    expect(html).not.toContain("<img");
    expect(html).toContain("uses 2 aliases");
    expect(html).toContain("flagged for review");
  });
});
