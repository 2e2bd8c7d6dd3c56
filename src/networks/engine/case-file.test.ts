import { describe, expect, it } from "vitest";
import type { CommunityDetail, EdgeView } from "../networks.contract.ts";
import { renderCaseFile } from "./case-file.ts";

const phone = { id: "e1", type: "phone", value: "+525540744125", role: "unknown" as const };
const person = { id: "e2", type: "person", value: "P-7", role: "suspect" as const };
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
  victims: [],
  clients: [],
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

describe("the case file's roles", () => {
  const victim = { id: "e3", type: "person", value: "V-3", role: "victim" as const };
  const client = { id: "e4", type: "person", value: "K-4", role: "client" as const };
  const section = (html: string, id: string) => {
    const start = html.indexOf(`<section id="${id}">`);
    return start < 0 ? "" : html.slice(start, html.indexOf("</section>", start));
  };

  it("lists victims and clients each in their own section, never among key actors or suspects", () => {
    const html = renderCaseFile({ ...community, victims: [victim], clients: [client] }, [edge], meta);
    expect(section(html, "victims")).toContain("V-3");
    expect(section(html, "victims")).not.toContain("K-4");
    expect(section(html, "clients")).toContain("K-4");
    expect(section(html, "key-actors")).toContain("+525540744125");
    expect(section(html, "suspects")).toContain("P-7");
    for (const id of ["key-actors", "suspects"]) expect(section(html, id)).not.toMatch(/V-3|K-4/);
  });

  it("keeps a victim or client handed in as a key actor or member out of those lists, and lists them apart", () => {
    const html = renderCaseFile(
      {
        ...community,
        keyActors: [
          { entity: victim, reasons: ["highest PageRank in community"] },
          { entity: person, reasons: ["uses 1 alias"] },
        ],
        members: [
          { entity: victim, score: 1 },
          { entity: client, score: 0.8 },
          { entity: person, score: 0.4 },
        ],
      },
      [],
      meta,
    );
    expect(section(html, "key-actors")).not.toContain("V-3");
    expect(section(html, "key-actors")).toContain("P-7");
    expect(section(html, "suspects")).not.toMatch(/V-3|K-4/);
    expect(section(html, "victims")).toContain("V-3");
    expect(section(html, "clients")).toContain("K-4");
  });

  it("says when no victim or client is recorded, and names roles in the timeline", () => {
    const html = renderCaseFile(community, [edge], meta);
    expect(section(html, "victims")).toContain("No member of this network is recorded as a victim.");
    expect(section(html, "clients")).toContain("No member of this network is recorded as a client.");
    expect(html).toContain("<td>person P-7 (suspect)</td>");
  });
});
