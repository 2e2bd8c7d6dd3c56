import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The dependency rules of ARCHITECTURE.md, checked on the import statements of every source file. */
const root = path.resolve(import.meta.dirname, "..");
const CAPABILITIES = ["flows", "registry", "identity", "pathways", "placement", "border", "networks"];

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "dist" ? [] : walk(full);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const found = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+["']([^"']+)["']/g)].map(
    (m) => m[1] as string,
  );
  const dynamic = [...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] as string);
  return [...found, ...dynamic];
}

function resolved(file: string, spec: string): string | undefined {
  return spec.startsWith(".") ? path.relative(root, path.resolve(path.dirname(file), spec)) : undefined;
}

const rel = (f: string) => path.relative(root, f);
const capabilityOf = (p: string) => CAPABILITIES.find((c) => p.startsWith(`src/${c}/`));
/** Files that touch the outside world by design; every other capability file is pure. */
const IO_FILE =
  /(\.store|\.service|\.routes|\.cli|\.schema|\.contract|\.seed|\.worker|-cli-[\w-]+|-cli|\.fixture|\.test-support)\.ts$|\/index\.ts$|\/migrations\//;

describe("dependency rules", () => {
  const sources = walk(path.join(root, "src"));

  it("keeps platform/ on the ground floor: it imports no capability", () => {
    const offenders = sources
      .filter((f) => rel(f).startsWith("src/platform/"))
      .flatMap((f) => importsOf(f).map((s) => [rel(f), resolved(f, s)] as const))
      .filter(
        ([, target]) =>
          target && (capabilityOf(target) || target.startsWith("src/cli") || target === "src/app.ts"),
      );
    expect(offenders).toEqual([]);
  });

  it("keeps capabilities from reaching up to the composition root or the command line", () => {
    // Test support may build the whole application, as the test harness does.
    const offenders = sources
      .filter((f) => capabilityOf(rel(f)) && !/(fixture|test-support)/.test(rel(f)))
      .flatMap((f) => importsOf(f).map((s) => [rel(f), resolved(f, s)] as const))
      .filter(([, target]) => target === "src/app.ts" || target?.startsWith("src/cli/"));
    expect(offenders).toEqual([]);
  });

  it("lets a capability use another only through its index.ts", () => {
    const offenders = sources.flatMap((f) => {
      const own = capabilityOf(rel(f));
      if (!own) return [];
      return importsOf(f)
        .map((s) => resolved(f, s))
        .filter((t): t is string => t !== undefined)
        .filter((t) => {
          const other = capabilityOf(t);
          return other && other !== own && t !== `src/${other}/index.ts`;
        })
        .map((t) => `${rel(f)} -> ${t}`);
    });
    expect(offenders).toEqual([]);
  });

  it("keeps the arrows between capabilities free of loops", () => {
    const edges = new Map<string, Set<string>>(CAPABILITIES.map((c) => [c, new Set()]));
    for (const f of sources) {
      const own = capabilityOf(rel(f));
      if (!own) continue;
      for (const s of importsOf(f)) {
        const other = capabilityOf(resolved(f, s) ?? "");
        if (other && other !== own) edges.get(own)?.add(other);
      }
    }
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycle = (c: string, trail: string[]): string[] | undefined => {
      if (visiting.has(c)) return [...trail, c];
      if (done.has(c)) return undefined;
      visiting.add(c);
      for (const n of edges.get(c) ?? []) {
        const found = cycle(n, [...trail, c]);
        if (found) return found;
      }
      visiting.delete(c);
      done.add(c);
      return undefined;
    };
    for (const c of CAPABILITIES) expect(cycle(c, [])).toBeUndefined();
  });

  it("keeps pure files free of the platform, the database, HTTP and the file system", () => {
    const banned = /^(kysely|pg|hono|@hono\/|@electric-sql\/|node:fs|node:http|node:child_process)/;
    const offenders = sources
      .filter((f) => capabilityOf(rel(f)) && !IO_FILE.test(rel(f)))
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => banned.test(s) || (resolved(f, s) ?? "").startsWith("src/platform/"))
          .map((s) => `${rel(f)} -> ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it("lets only src/platform/db/ know which database engine runs", () => {
    const offenders = sources
      .filter((f) => !rel(f).startsWith("src/platform/db/"))
      .filter((f) => importsOf(f).some((s) => /^(pg|@electric-sql\/pglite)(\/|$)/.test(s)))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it("lets the web import only *.contract.ts files from src/", () => {
    const offenders = walk(path.join(root, "web/src")).flatMap((f) =>
      importsOf(f)
        .map((s) => resolved(f, s))
        .filter((t): t is string => t?.startsWith("src/") === true && !t.endsWith(".contract.ts"))
        .map((t) => `${rel(f)} -> ${t}`),
    );
    expect(offenders).toEqual([]);
  });
});
