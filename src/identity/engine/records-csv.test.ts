import { describe, expect, it } from "vitest";
import { readPeopleCsv } from "./records-csv.ts";

const febrl =
  "rec_id, given_name, surname, date_of_birth, soc_sec_id\r\nrec-1-org, ana , diaz, 19800312, 123\r\nrec-2-org, , , , \r\n";
const map = (text: string) => new Map(text.split(",").map((pair) => pair.split("=") as [string, string]));

describe("readPeopleCsv", () => {
  it("trims headers and values (FEBRL's ', ' separators and CRLF) and treats blanks as missing", () => {
    const { people, problems } = readPeopleCsv(febrl, "rec_id", map("document_number=soc_sec_id"));
    expect(problems).toEqual([]);
    expect(people[0]).toEqual({
      id: "rec-1-org",
      given_name: "ana",
      surname: "diaz",
      date_of_birth: "19800312",
      document_number: "123",
    });
    expect(people[1]).toEqual({ id: "rec-2-org" });
  });

  it.each([
    ["rec_id", "name=given_name", /unknown field "name"/],
    ["rec_id", "given_name=first", /column "first" \(for given_name\) is not in the header/],
    ["id", "given_name=given_name", /id column "id" is not in the header/],
  ])("reports a bad map or id (%s, %s)", (id, text, message) => {
    const { problems } = readPeopleCsv(febrl, id, map(text));
    expect(problems.map((p) => p.message).join("\n")).toMatch(message);
  });

  it.each([
    ["", /empty/],
    ["id,given_name\n", /no records/],
    ["id,given_name\n1,ana\n1,rosa\n", /appears more than once/],
    ['id,given_name\n1,"ana\n', /./],
    ["id,given_name\n1,ana,extra\n", /./],
  ])("reports a bad file %j", (text, message) => {
    const { problems } = readPeopleCsv(text, "id", new Map());
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join("\n")).toMatch(message);
  });
});
