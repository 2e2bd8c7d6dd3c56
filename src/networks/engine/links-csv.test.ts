import { describe, expect, it } from "vitest";
import { formatDay, parseLinkRecord, parseObservedDay, readLinksHeader } from "./links-csv.ts";

const header = ["source_type", "source_id", "target_type", "target_id", "kind", "observed_at", "case_id"];
const { index } = readLinksHeader(header);

describe("readLinksHeader", () => {
  it("accepts columns in any order and case, with a BOM and extras", () => {
    const read = readLinksHeader(["\uFEFFTarget_ID", "extra", "source_id", "SOURCE_TYPE", "target_type"]);
    expect(read.problems).toEqual([]);
    expect(read.index).toMatchObject({ target_id: 0, source_id: 2, source_type: 3, target_type: 4 });
  });

  it("names each missing required column", () => {
    const read = readLinksHeader(["source_type", "source_id", "kind"]);
    expect(read.problems.map((p) => [p.line, p.field])).toEqual([
      [1, "target_type"],
      [1, "target_id"],
    ]);
  });
});

describe("parseObservedDay", () => {
  it.each([
    ["2024-01-31", "2024-01-31"],
    ["2024-01-31T23:10:00Z", "2024-01-31"],
    ["2024-01-31 08:00", "2024-01-31"],
    ["2024-02-29", "2024-02-29"],
    ["2023-02-29", undefined],
    ["2024-13-01", undefined],
    ["31/01/2024", undefined],
    ["yesterday", undefined],
  ])("%s → %s", (text, expected) => {
    const day = parseObservedDay(text);
    expect(day === undefined ? undefined : formatDay(day)).toBe(expected);
  });
});

describe("parseLinkRecord", () => {
  it.each([
    {
      name: "a full row, normalised",
      row: ["Person", "P1", "mobile", "+52 55 1234 5678", "Called", "2024-03-01", "CASE-1"],
      link: {
        sourceType: "person",
        targetType: "phone",
        targetId: "+525512345678",
        kind: "called",
        caseId: "CASE-1",
      },
    },
    {
      name: "empty date, kind and case are allowed",
      row: ["person", "P1", "safehouse", "Casa Azul", "", "", ""],
      link: { targetId: "casa azul", kind: "linked", observedDay: undefined, caseId: undefined },
    },
    {
      name: "a short row is missing its later cells",
      row: ["person", "P1", "account", "acct-9"],
      link: { targetId: "ACCT9", kind: "linked" },
    },
  ])("$name", ({ row, link }) => {
    const parsed = parseLinkRecord(row, 2, index);
    expect(parsed.problems).toEqual([]);
    expect(parsed.link).toMatchObject(link);
  });

  it.each([
    { row: ["person", "", "phone", "1"], field: "source_id" },
    { row: ["", "P1", "phone", "1"], field: "source_type" },
    { row: ["person", "P1", "phone", "  "], field: "target_id" },
    { row: ["person", "P1", "phone", "1", "x", "2024-02-30", ""], field: "observed_at" },
    { row: ["person", "P1", "phone", "---", "x", "", ""], field: "target_id" },
  ])("rejects $field in $row", ({ row, field }) => {
    const parsed = parseLinkRecord(row, 7, index);
    expect(parsed.link).toBeUndefined();
    expect(parsed.problems[0]).toMatchObject({ line: 7, field });
  });
});

describe("roles in a links file", () => {
  const withRoles = readLinksHeader([...header, "source_role", "target_role"]).index;

  it("reads source_role and target_role in any case; empty cells and unknown claim nothing", () => {
    const parsed = parseLinkRecord(
      ["person", "P1", "phone", "+12025550101", "", "", "", "Victim", ""],
      2,
      withRoles,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.link).toMatchObject({ sourceRole: "victim" });
    expect(parsed.link?.targetRole).toBeUndefined();
    const unknown = parseLinkRecord(
      ["person", "P1", "phone", "1", "", "", "", "unknown", "suspect"],
      3,
      withRoles,
    );
    expect(unknown.link).toMatchObject({ sourceRole: "unknown", targetRole: "suspect" });
  });

  it("imports a file without role columns as before: every role unknown", () => {
    const parsed = parseLinkRecord(["person", "P1", "phone", "1", "called", "", "C-1"], 2, index);
    expect(parsed.problems).toEqual([]);
    expect(parsed.link?.sourceRole).toBeUndefined();
    expect(parsed.link?.targetRole).toBeUndefined();
  });

  it.each([
    { row: ["person", "P1", "phone", "1", "", "", "", "boss", ""], field: "source_role", value: "boss" },
    {
      row: ["person", "P1", "phone", "1", "", "", "", "", "victims"],
      field: "target_role",
      value: "victims",
    },
  ])("refuses $value in $field, naming the line and the field", ({ row, field, value }) => {
    const parsed = parseLinkRecord(row, 9, withRoles);
    expect(parsed.link).toBeUndefined();
    expect(parsed.problems).toEqual([
      {
        line: 9,
        field,
        message: `"${value}" is not a role (use suspect, client, victim, unknown, or leave it empty)`,
      },
    ]);
  });
});
