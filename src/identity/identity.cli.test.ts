import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "identity-cli-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const run = (...args: string[]) =>
  spawnSync(process.execPath, ["bin/hemisphere", "identity", ...args], { encoding: "utf8", timeout: 60_000 });

const header = "rec_id, given_name, surname, date_of_birth, soc_sec_id\r\n";
const left = file(
  "a.csv",
  `${header}a1, maría josé, garcía lópez, 19800312, 1234567\r\na2, jean, joseph, 19710130, 7654321\r\na3, rosa, flores, 1990-05-04, \r\n`,
);
const right = file(
  "b.csv",
  `${header}b1, jn, jozef, 30/01/1971, 7654321\r\nb2, ma. jose, garcia, 12/03/1980, 1234576\r\nb3, pedro, ruiz, 19501120, 5555555\r\n`,
);
const map = "given_name=given_name,surname=surname,date_of_birth=date_of_birth,document_number=soc_sec_id";

describe("hemisphere identity (CLI contract)", () => {
  it("links two files and writes left_id,right_id,score,band", () => {
    const out = join(dir, "links.csv");
    const result = run("link", left, right, "--id", "rec_id", "--map", map, "--out", out);
    expect(result.status).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe("left_id,right_id,score,band");
    const likely = lines.filter((l) => l.endsWith(",likely")).map((l) => l.split(",").slice(0, 2).join("-"));
    expect(likely.sort()).toEqual(["a1-b2", "a2-b1"]);
  });

  it("exits 2 with a clear message for a bad map (every mistake at once)", () => {
    const args = ["link", left, right, "--id", "rec_id", "--out", join(dir, "x.csv")];
    const result = run(...args, "--map", "name=given_name,given_name=first");
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown field "name"/);
    expect(result.stderr).toMatch(/column "first" \(for given_name\) is not in the header/);
  });

  it("exits 2 for a missing file and for a missing key", () => {
    const missing = run("dedupe", join(dir, "none.csv"), "--id", "rec_id", "--out", join(dir, "c.csv"));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*none\.csv: ENOENT/);
    const noKey = run(
      "encode",
      left,
      "--key-file",
      join(dir, "nokey"),
      "--id",
      "rec_id",
      "--map",
      map,
      "--out",
      "-",
    );
    expect(noKey.status).toBe(2);
  });

  it("encodes with a key file and links the encodings", () => {
    const key = file("key", "0123456789abcdef-regional-secret\n");
    const ea = join(dir, "a.clk.ndjson");
    const eb = join(dir, "b.clk.ndjson");
    expect(run("encode", left, "--key-file", key, "--id", "rec_id", "--map", map, "--out", ea).status).toBe(
      0,
    );
    expect(run("encode", right, "--key-file", key, "--id", "rec_id", "--map", map, "--out", eb).status).toBe(
      0,
    );
    const first = JSON.parse(readFileSync(ea, "utf8").split("\n")[0]!) as Record<string, unknown>;
    expect(Object.keys(first).sort()).toEqual(["clk", "id"]);
    const out = join(dir, "elinks.csv");
    const result = run("link-encoded", ea, eb, "--out", out, "--likely", "0.6", "--possible", "0.5");
    expect(result.status).toBe(0);
    const likely = readFileSync(out, "utf8")
      .split("\n")
      .filter((l) => l.endsWith(",likely"));
    expect(likely.map((l) => l.split(",").slice(0, 2).join("-")).sort()).toEqual(["a1-b2", "a2-b1"]);
  });

  it("writes the same format and likely pairs with blocking forced on or off", () => {
    const ea = join(dir, "a.clk.ndjson");
    const eb = join(dir, "b.clk.ndjson");
    const likelyOf = (blocking: string) => {
      const out = join(dir, `elinks-${blocking}.csv`);
      const args = ["--out", out, "--likely", "0.6", "--possible", "0.5", "--blocking", blocking];
      const result = run("link-encoded", ea, eb, ...args);
      expect(result.status).toBe(0);
      const lines = readFileSync(out, "utf8").trim().split("\n");
      expect(lines[0]).toBe("left_id,right_id,score,band");
      for (const line of lines.slice(1)) expect(line).toMatch(/^[^,]+,[^,]+,[01]\.\d{4},(likely|possible)$/);
      return lines.filter((l) => l.endsWith(",likely")).sort();
    };
    expect(likelyOf("lsh")).toEqual(likelyOf("none"));
    const bad = run("link-encoded", ea, eb, "--out", join(dir, "bad.csv"), "--blocking", "sometimes");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--blocking must be auto, lsh or none/);
  });
});
