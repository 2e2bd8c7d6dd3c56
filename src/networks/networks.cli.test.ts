import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// The CLI contract as outside checks use it: a spawned process on temporary files.

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "networks-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("./bin/hemisphere", ["networks", ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const header = "source_type,source_id,target_type,target_id,kind,observed_at,case_id";

/** A ring around one phone written three ways, a family, and rows an investigator's export really has. */
function ringFile(): string {
  const rows = [header];
  for (let c = 1; c <= 8; c++) {
    const phone = ["+52 55 1234 5678", "0052-5512345678", "(+52) 5512345678"][c % 3];
    rows.push(`person,P${c},phone,"${phone}",called,2024-03-0${c},CASE-${c}`);
    rows.push(`person,P${c},account,ACCT-77,paid_to,,CASE-${c}`);
    rows.push(`person,P${c},Safe House,"Casa Azul, Km 12",stayed_at,2024-03-0${c}T10:00:00Z,CASE-${c}`);
    rows.push(`person,P${c},phone,+50255500${c}0${c},uses_phone,,CASE-${c}`);
  }
  rows.push("person,BOSS,phone,+525512345678,uses_phone,2024-02-01,INV-1");
  rows.push("alias,El Flaco,person,BOSS,alias_of,,INV-1");
  rows.push("person,BOSS,account,ACCT-77,controls,,INV-1");
  for (const m of [1, 2, 3]) {
    rows.push(`person,F${m},phone,+50222223333,uses_phone,2023-05-01,FAM-1`);
    rows.push(`person,F${m},drone,D-1,seen_with,2023-05-01,FAM-1`);
  }
  // Noise: forty families of two who share a phone and a home, a few passing the same terminal.
  for (let f = 1; f <= 40; f++) {
    for (const m of [1, 2]) {
      rows.push(
        `person,N${f}m${m},phone,+5023000${String(f).padStart(4, "0")},uses_phone,2023-06-01,NF-${f}`,
      );
      rows.push(`person,N${f}m${m},address,Calle ${f},lives_at,,NF-${f}`);
      if (f % 4 === 0) rows.push(`person,N${f}m${m},waypoint,Terminal Norte,passed_through,,NF-${f}`);
    }
  }
  return `${rows.join("\r\n")}\r\n`;
}

describe("hemisphere networks analyze", () => {
  it("writes the report with the ring found from one phone (CRLF, quotes, empty dates, unknown types)", async () => {
    const out = join(dir, "report.json");
    const result = await run(["analyze", "--links", file("links.csv", ringFile()), "--out", out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("communities");
    const report = JSON.parse(readFileSync(out, "utf8"));
    expect(Object.keys(report)).toEqual(expect.arrayContaining(["communities", "hubs"]));
    const ring = report.communities.find((c: { members: { id: string }[] }) =>
      c.members.some((m) => m.id === "+525512345678"),
    );
    expect(Object.keys(ring)).toEqual(expect.arrayContaining(["id", "members", "keyActors", "indicators"]));
    const ids = ring.members.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining(["P1", "P8", "BOSS", "ACCT77", "casa azul, km 12"]));
    expect(ids).not.toContain("F1");
    expect(ring.members[0]).toEqual({
      type: expect.any(String),
      id: expect.any(String),
      role: "unknown",
      score: 1,
    });
    expect([ring.victims, ring.clients]).toEqual([[], []]);
    expect(ring.keyActors.flatMap((a: { reasons: string[] }) => a.reasons)).toContain(
      "phone shared by 9 people across 9 cases",
    );
    expect(report.hubs[0]).toMatchObject({ type: "phone", id: "+525512345678", names: 9 });
    expect(report.hubs).toContainEqual(expect.objectContaining({ type: "drone", id: "D-1", names: 3 }));
  });

  it("reads roles: victims and clients are listed apart and never key; a file without roles reads as before", async () => {
    const roleOf = (line: string) => {
      if (line.startsWith("person,BOSS,") || line.startsWith("alias,El Flaco,")) return "suspect,suspect";
      if (line.startsWith("person,P3,")) return "Victim,";
      if (/^person,P\d,/.test(line)) return "client,";
      return ",";
    };
    const [head, ...rows] = ringFile().trimEnd().split("\r\n");
    const content = [`${head},source_role,target_role`, ...rows.map((r) => `${r},${roleOf(r)}`)].join("\n");
    const out = join(dir, "roles-report.json");
    const result = await run(["analyze", "--links", file("roles.csv", `${content}\n`), "--out", out]);
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(out, "utf8"));
    const ring = report.communities.find((c: { members: { id: string }[] }) =>
      c.members.some((m) => m.id === "+525512345678"),
    );
    const ids = (list: { id: string }[]) => list.map((e) => e.id);
    expect(ids(ring.victims)).toEqual(["P3"]);
    expect(ids(ring.clients).sort()).toEqual(["P1", "P2", "P4", "P5", "P6", "P7", "P8"]);
    expect(ids(ring.members)).toEqual(expect.arrayContaining(["BOSS", "+525512345678", "ACCT77"]));
    expect(ids(ring.members).filter((id) => /^P\d$/.test(id))).toEqual([]);
    expect(ids(ring.keyActors).filter((id) => /^P\d$/.test(id))).toEqual([]);
    expect(ring.members.find((m: { id: string }) => m.id === "BOSS").role).toBe("suspect");
  });

  it("writes an empty report for a header-only file", async () => {
    const out = join(dir, "empty-report.json");
    const result = await run(["analyze", "--links", file("header.csv", `${header}\n`), "--out", out]);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8"))).toMatchObject({ communities: [], hubs: [] });
  });

  it.each([
    {
      name: "missing column",
      content: "source_type,source_id,target_type\nperson,P1,phone\n",
      says: "line 1, field target_id",
    },
    {
      name: "empty id",
      content: `${header}\nperson,P1,phone,+5255,called,,C1\nperson,,phone,1,x,,\n`,
      says: "line 3, field source_id",
    },
    {
      name: "bad date",
      content: `${header}\nperson,P1,phone,1,x,2024-02-31,C1\n`,
      says: "line 2, field observed_at",
    },
    { name: "broken quotes", content: `${header}\nperson,"P1,phone,1,x,,C1\n`, says: "not readable as CSV" },
    { name: "empty file", content: "", says: "empty" },
    {
      name: "not a role",
      content: `${header},source_role,target_role\nperson,P1,phone,1,x,,C1,client,\nperson,P2,phone,1,x,,C2,boss,\n`,
      says: 'line 3, field source_role: "boss" is not a role',
    },
    {
      name: "two roles for one entity",
      content: `${header},source_role,target_role\nperson,P1,phone,1,x,,C1,client,\nphone,2,person,P1,x,,C2,,victim\n`,
      says: "line 3, field target_role: person P1 is given the role victim here but client on line 2",
    },
  ])("exits 2 naming the place of a bad file: $name", async ({ content, says }) => {
    const result = await run([
      "analyze",
      "--links",
      file("bad.csv", content),
      "--out",
      join(dir, "never.json"),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(says);
  });

  it("exits 2 for a file that does not exist", async () => {
    const result = await run(["analyze", "--links", join(dir, "nope.csv"), "--out", join(dir, "x.json")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("cannot read");
  });

  it("flags exploitation recorded in the links with the default packs, and reads packs given together", async () => {
    const rows = [header];
    for (const w of ["W1", "W2", "W3", "W4"]) {
      rows.push(`person,${w},person,BOSS,holds_documents_of,2024-05-01,LAB-${w}`);
      rows.push(`person,${w},person,BOSS,owes_debt_to,2024-05-01,LAB-${w}`);
      rows.push(`person,${w},address,Finca 9,lives_at,,LAB-${w}`);
    }
    const links = file("labour.csv", `${rows.join("\n")}\n`);
    const out = join(dir, "labour.json");
    expect((await run(["analyze", "--links", links, "--out", out])).code).toBe(0);
    const report = JSON.parse(readFileSync(out, "utf8"));
    const farm = report.communities.find((c: { members: { id: string }[] }) =>
      c.members.some((m) => m.id === "W1"),
    );
    expect(farm.indicators.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining(["debt-bondage", "documents-confiscated"]),
    );
    expect(farm.flagged).toBe(true);
    // Only the smuggling pack: the same links show no exploitation indicator.
    const smugglingOnly = join(dir, "smuggling-only.json");
    const alone = await run([
      "analyze",
      "--links",
      links,
      "--out",
      smugglingOnly,
      "--indicators",
      "packs/networks/smuggling-indicators.json",
    ]);
    expect(alone.code).toBe(0);
    const quiet = JSON.parse(readFileSync(smugglingOnly, "utf8")).communities.flatMap(
      (c: { indicators: { id: string }[] }) => c.indicators.map((i) => i.id),
    );
    expect(quiet).not.toContain("debt-bondage");
    const twice = await run([
      "analyze",
      "--links",
      links,
      "--out",
      join(dir, "never2.json"),
      "--indicators",
      "packs/networks/trafficking-indicators.json,packs/networks/trafficking-indicators.json",
    ]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("appears twice");
  });
});
