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

  it("keeps the roles stated for each end; unknown and none claim nothing", () => {
    const { links, problems } = prepareObservations([
      {
        source: { type: "person", value: "P-1", role: "Victim" },
        target: { type: "phone", value: "+1 202 555 0101", role: "unknown" },
      },
      { source: { type: "person", value: "P-2", role: " suspect " }, target: { type: "plate", value: "X1" } },
    ]);
    expect(problems).toEqual([]);
    expect(links.map((l) => [l.sourceRole, l.targetRole])).toEqual([
      ["victim", undefined],
      ["suspect", undefined],
    ]);
  });

  it("refuses a role that is none of the four, naming the observation and the end", () => {
    const { links, problems } = prepareObservations([
      { source: { type: "person", value: "P-1" }, target: { type: "phone", value: "+12025550101" } },
      {
        source: { type: "person", value: "P-2" },
        target: { type: "phone", value: "+12025550102", role: "boss" },
      },
    ]);
    expect(problems).toEqual([
      expect.objectContaining({ index: 1, field: "target.role", message: expect.stringContaining('"boss"') }),
    ]);
    expect(links).toHaveLength(1);
  });

  it("refuses a batch giving one entity two roles, naming both observations", () => {
    const { problems } = prepareObservations([
      { source: { type: "person", value: "P-1", role: "client" }, target: { type: "plate", value: "X1" } },
      { source: { type: "person", value: "P-1", role: "unknown" }, target: { type: "plate", value: "X2" } },
      { source: { type: "plate", value: "X3" }, target: { type: "person", value: " P-1 ", role: "victim" } },
    ]);
    expect(problems).toEqual([
      {
        index: 2,
        field: "target.role",
        message: "this person is given the role victim here but client in observations[0]",
      },
    ]);
  });

  it("reads a links-file row in the CLI's column order", () => {
    expect(observationFromRow(["person", "P-1", "phone", "+1", "called", "", "C-1"])).toEqual({
      source: { type: "person", value: "P-1" },
      target: { type: "phone", value: "+1" },
      kind: "called",
      caseRef: "C-1",
    });
    expect(
      observationFromRow(["person", "P-1", "phone", "+1", "called", "", "C-1", "client", ""]).source,
    ).toEqual({ type: "person", value: "P-1", role: "client" });
  });
});

describe("case file", () => {
  it("escapes every value taken from data", () => {
    expect(escapeHtml(`<script>"x"&'y'</script>`)).toBe(
      "&lt;script&gt;&quot;x&quot;&amp;&#39;y&#39;&lt;/script&gt;",
    );
    const entity = {
      id: "e1",
      type: "alias",
      value: "<img src=x onerror=alert(1)>",
      role: "suspect" as const,
    };
    const html = renderCaseFile(
      {
        id: "C1",
        score: 0.9,
        flagged: true,
        size: 1,
        keyActors: [{ entity, reasons: ["uses 2 aliases"] }],
        indicators: [],
        members: [{ entity, score: 1 }],
        victims: [],
        clients: [],
      },
      [],
      { nation: "USA", exportedBy: "inv@usa", exportedAt: "2024-01-01T00:00:00.000Z", anchor: entity },
    );
    expect(html).not.toContain("<img");
    expect(html).toContain("uses 2 aliases");
    expect(html).toContain("flagged for review");
  });
});
