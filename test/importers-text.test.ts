import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp, userWithToken } from "./harness.ts";

// Files sent to the import routes are read by the one strict decoder: bytes that are not UTF-8, a NUL, a
// lone surrogate or a figure given twice answer 400 naming the line and the field, and nothing is written.
// A byte-order mark is dropped and the file imports.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "utf8")] : p)));

async function send(path: string, token: string, body: Uint8Array): Promise<Response> {
  return t.app.http.request(path, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
    body,
  });
}

async function count(table: string, nation: string): Promise<number> {
  return t.database.asOwner(async (tx) => {
    const result = await sql<{
      n: number;
    }>`select count(*)::int as n from ${sql.table(table)} where tenant_id = ${nation}`.execute(tx);
    return Number(result.rows[0]?.n ?? 0);
  });
}

interface Problem {
  file?: string;
  line?: number;
  field?: string;
  message: string;
}

async function problemsOf(response: Response): Promise<Problem[]> {
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { code: string; details: { problems: Problem[] } } };
  expect(body.error.code).toBe("BAD_INPUT");
  return body.error.details.problems;
}

const FLOWS_HEADER = "period,measure,value,country\n";
const ACCENT = [0x4a, 0x6f, 0x73, 0xe9]; // "José" in Latin-1
const SURROGATE = [0xed, 0xa0, 0x80]; // U+D800 as CESU-8 / WTF-8 bytes

describe("POST /flows/releases refuses what it cannot read, writing nothing", () => {
  let token: string;
  beforeAll(async () => {
    token = (await userWithToken(t, "MEX", ["nation_admin"])).token;
  });
  const upload = (body: Uint8Array, name = "mex.csv") =>
    send(`/api/v1/flows/releases?name=${name}&source=generic`, token, body);

  it.each([
    [
      "a NUL byte",
      bytes(FLOWS_HEADER, "2024-01,encounters,5,MEX\n2024-02,encounters,6,", [0], "\n"),
      3,
      "country",
      /NUL/,
    ],
    [
      "a Latin-1 byte",
      bytes(FLOWS_HEADER, "2024-01,encounters,5,", ACCENT, "\n"),
      2,
      "country",
      /not valid UTF-8: byte 0xE9/,
    ],
    [
      "a lone surrogate's bytes",
      bytes(FLOWS_HEADER, "2024-01,enc", SURROGATE, ",5,MEX\n"),
      2,
      "measure",
      /lone UTF-16 surrogate/,
    ],
    ["a control character", bytes(FLOWS_HEADER, "2024-01,encounters,5\u001b,MEX\n"), 2, "value", /U\+001B/],
  ])("%s: 400 with the line and the field", async (_, body, line, field, message) => {
    const before = await count("flow_observations", "MEX");
    const [problem] = await problemsOf(await upload(body));
    expect(problem).toMatchObject({ file: "mex.csv", line, message: expect.stringMatching(message) });
    expect(problem?.field).toMatch(new RegExp(`^${field} \\(column \\d+\\)$`));
    expect(await count("flow_observations", "MEX")).toBe(before);
    expect(await count("flow_releases", "MEX")).toBe(0);
  });

  it("a figure given twice (same period, measure and dimensions): 400 naming both lines, nothing summed", async () => {
    const body = bytes(
      FLOWS_HEADER,
      "2024-01,encounters,5,MEX\n2024-02,encounters,6,MEX\n2024-01,encounters,7,MEX\n",
    );
    const problems = await problemsOf(await upload(body));
    expect(problems).toEqual([
      expect.objectContaining({
        line: 4,
        message: expect.stringMatching(/duplicate figure: .*already given on line 2/),
      }),
    ]);
    expect(await count("flow_observations", "MEX")).toBe(0);
  });

  it("the same month for another dimension value is two figures, not a duplicate; a byte-order mark is dropped", async () => {
    const body = bytes(
      [0xef, 0xbb, 0xbf],
      FLOWS_HEADER,
      "2024-01,encounters,5,MEX\n2024-01,encounters,7,GTM\n",
    );
    const response = await upload(body, "bom.csv");
    expect(response.status).toBe(201);
    expect(await count("flow_observations", "MEX")).toBe(2);
  });
});

describe("POST /border/encounters/import refuses what it cannot read, writing nothing", () => {
  let token: string;
  beforeAll(async () => {
    token = (await userWithToken(t, "GTM", ["border_officer"])).token;
  });
  const HEADER = "date,demographic,citizenship,given_names\n";
  const upload = (body: Uint8Array) => send("/api/v1/border/encounters/import?fileName=gtm.csv", token, body);

  it.each([
    [
      "a NUL byte",
      bytes(HEADER, "2022-01-10,single_adult,MEX,Ana\n2022-01-11,single_adult,HND,", [0], "\n"),
      3,
      "given_names",
      /NUL/,
    ],
    [
      "a Latin-1 name (stored as mojibake before)",
      bytes(HEADER, "2022-01-10,single_adult,MEX,", ACCENT, "\n"),
      2,
      "given_names",
      /0xE9/,
    ],
    [
      "a lone surrogate's bytes",
      bytes(HEADER, "2022-01-10,single_adult,MEX,A", SURROGATE, "\n"),
      2,
      "given_names",
      /surrogate/,
    ],
    ["a NUL in the header", bytes("date,demo", [0], "graphic,citizenship\n"), 1, "the header", /NUL/],
  ])("%s: 400 with the line and the field", async (_, body, line, field, message) => {
    const before = await count("border_encounters", "GTM");
    const [problem] = await problemsOf(await upload(body));
    expect(problem).toMatchObject({ file: "gtm.csv", line, message: expect.stringMatching(message) });
    expect(problem?.field).toMatch(new RegExp(`^${field.replace(/[()]/g, "\\$&")} \\(column \\d+\\)$`));
    expect(await count("border_encounters", "GTM")).toBe(before);
    expect(await count("border_imports", "GTM")).toBe(0);
  });

  it("a fault far past the first batch still leaves nothing written", async () => {
    const rows = Array.from(
      { length: 4500 },
      (_, i) => `2022-01-${String((i % 28) + 1).padStart(2, "0")},single_adult,MEX,P${i}\n`,
    );
    const [problem] = await problemsOf(
      await upload(bytes(HEADER, rows.join(""), "2022-02-01,single_adult,MEX,", ACCENT, "\n")),
    );
    expect(problem).toMatchObject({ line: 4502 });
    expect(await count("border_encounters", "GTM")).toBe(0);
  });

  it("a byte-order mark is dropped and the file imports, accents intact", async () => {
    const body = bytes([0xef, 0xbb, 0xbf], HEADER, "2022-01-10,single_adult,MEX,José\n");
    const response = await upload(body);
    expect(response.status).toBe(201);
    expect(await count("border_encounters", "GTM")).toBe(1);
  });
});
