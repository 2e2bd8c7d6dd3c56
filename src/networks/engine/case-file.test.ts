import { describe, expect, it } from "vitest";
import type { CommunityDetail, EdgeView } from "../networks.contract.ts";
import { renderCaseFile } from "./case-file.ts";

const phone = { id: "e1", type: "phone", value: "+525540744125" };
const person = { id: "e2", type: "person", value: "P-7" };
const community: CommunityDetail = {
  id: "C1",
  score: 0.75,
  flagged: true,
  size: 2,
  keyActors: [{ entity: phone, reasons: ["highest PageRank in community"] }],
  indicators: [],
  members: [
    { entity: phone, score: 1 },
    { entity: person, score: 0.4 },
  ],
};
const edge: EdgeView = {
  id: "l1",
  source: "e2",
  target: "e1",
  kind: "called",
  observedOn: "2024-02-01",
  caseRef: "CASE-7",
  origin: "case",
  recordedBy: "system:test",
  recordedAt: "2024-02-02T00:00:00.000Z",
};
const meta = {
  nation: "USA",
  exportedBy: "investigator@usa.demo",
  exportedAt: "2024-06-01T10:00:00.000Z",
  anchor: phone,
};

describe("the case file", () => {
  it.each([
    [0, false, ""],
    [1, true, "1 victim protection record touches this network"],
    [3, true, "3 victim protection records touch this network"],
  ])("with %i protection records withheld, marks them (%s) without naming any", (count, marked, says) => {
    const html = renderCaseFile(community, [edge], { ...meta, protectedWithheld: count });
    expect(html.includes("Protected — withheld from every export.")).toBe(marked);
    expect(html.replace(/\s+/g, " ")).toContain(says);
    expect(html).toContain("CASE-7");
  });

  it("escapes every value taken from data", () => {
    const hostile = { ...person, value: '<script>alert("x")</script>' };
    const html = renderCaseFile(
      {
        ...community,
        members: [
          { entity: phone, score: 1 },
          { entity: hostile, score: 0.4 },
        ],
      },
      [edge],
      meta,
    );
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  });
});
