import { describe, expect, it } from "vitest";
import {
  CAPABILITIES,
  capabilityOf,
  importCycles,
  layerOf,
  reachable,
  readSources,
} from "./architecture-graph.ts";
import { functionSpans } from "./function-spans.ts";

/**
 * The recipe of ARCHITECTURE.md, checked on the import graph of every source file: layers by folder and
 * suffix, engines pure through everything they reach, contracts free of engines, SQL only in stores, no
 * import cycle of any kind, the arrows between capabilities one way.
 */
const files = readSources(["src", "web/src"]);
const sources = [...files.values()].filter((f) => f.path.startsWith("src/"));
const nonTest = sources.filter((f) => layerOf(f.path) !== "test");

/** Packages an engine (or shared) file may never reach: I/O, the database, HTTP, threads. */
const IMPURE_PACKAGE =
  /^(kysely|pg|hono|@hono\/|@electric-sql\/|commander|node:(fs|http|https|net|child_process|worker_threads|os|dgram|tls|cluster|readline|process)(\/|$))/;
/** The clock, randomness and the environment, which an engine receives as arguments instead. */
const IMPURE_TEXT =
  /\bDate\.now\(|new Date\(\)|Math\.random\(|performance\.now\(|\brandomUUID\b|\brandomBytes\b|\bgetRandomValues\b|\bprocess\.(env|argv|hrtime|exit)\b/;
/** Kysely statements or raw SQL. */
const SQL_TEXT =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|with)\(|\bsql\s*`|\bsql(<[^>]*>)?\s*`|\bsql\.(raw|ref|table|lit|id|join)\(/;

/**
 * A service's `create*Service` factory only builds its dependencies and binds the actions (each a top-level
 * function named by what it does); no function in a service runs longer than a reader can follow.
 */
const FACTORY_LINES = 40;
const FUNCTION_LINES = 100;

describe("the recipe: every file has one place", () => {
  it("gives every capability file a layer, by its engine/ folder or its suffix", () => {
    const unclassified = nonTest.filter((f) => layerOf(f.path) === "unclassified").map((f) => f.path);
    expect(unclassified).toEqual([]);
  });

  it("names no two files alike (index.ts aside), so a name finds one file", () => {
    const byStem = new Map<string, string[]>();
    for (const f of files.values()) {
      const stem = (f.path.split("/").pop() ?? "").replace(/\.tsx?$/, "");
      if (stem === "index") continue;
      byStem.set(stem, [...(byStem.get(stem) ?? []), f.path]);
    }
    expect([...byStem.values()].filter((paths) => paths.length > 1)).toEqual([]);
  });
});

describe("dependency rules", () => {
  it("keeps platform/ on the ground floor: it imports no capability, no composition root", () => {
    const offenders = nonTest
      .filter((f) => f.path.startsWith("src/platform/"))
      .flatMap((f) => f.edges.map((t) => `${f.path} -> ${t}`))
      .filter((e) => {
        const target = e.split(" -> ")[1] ?? "";
        return capabilityOf(target) || layerOf(target) === "composition";
      });
    expect(offenders).toEqual([]);
  });

  it("keeps src/shared/ beneath everything: pure, browser-safe, importing only itself and no package", () => {
    const offenders = sources
      .filter((f) => layerOf(f.path) === "shared")
      .flatMap((f) => [
        ...f.edges.filter((t) => !t.startsWith("src/shared/")).map((t) => `${f.path} -> ${t}`),
        ...f.packages.map((p) => `${f.path} -> ${p}`),
      ]);
    expect(offenders).toEqual([]);
  });

  it("keeps capabilities from reaching up to the composition root or the command line", () => {
    const offenders = nonTest
      .filter((f) => capabilityOf(f.path) && layerOf(f.path) !== "test-support")
      .flatMap((f) => f.edges.filter((t) => layerOf(t) === "composition").map((t) => `${f.path} -> ${t}`));
    expect(offenders).toEqual([]);
  });

  it("lets a capability use another only through its index.ts (or, for pure code, its engine/index.ts)", () => {
    const offenders = nonTest.flatMap((f) => {
      const own = capabilityOf(f.path);
      if (!own) return [];
      return f.edges
        .filter((t) => {
          const other = capabilityOf(t);
          return (
            other && other !== own && t !== `src/${other}/index.ts` && t !== `src/${other}/engine/index.ts`
          );
        })
        .map((t) => `${f.path} -> ${t}`);
    });
    expect(offenders).toEqual([]);
  });

  it("keeps the arrows between capabilities free of loops", () => {
    const edges = new Map<string, Set<string>>(CAPABILITIES.map((c) => [c, new Set()]));
    for (const f of nonTest) {
      const own = capabilityOf(f.path);
      if (!own) continue;
      for (const t of f.edges) {
        const other = capabilityOf(t);
        if (other && other !== own) edges.get(own)?.add(other);
      }
    }
    const loops: string[] = [];
    const walk = (c: string, trail: string[]) => {
      if (trail.includes(c)) {
        loops.push([...trail.slice(trail.indexOf(c)), c].join(" -> "));
        return;
      }
      for (const n of edges.get(c) ?? []) walk(n, [...trail, c]);
    };
    for (const c of CAPABILITIES) walk(c, []);
    expect(loops).toEqual([]);
  });

  it("has no import cycle at all, type-only and dynamic imports included", () => {
    expect(importCycles(files)).toEqual([]);
  });

  it("keeps engines pure through everything they run: no I/O, threads, clock, randomness or platform", () => {
    const offenders: string[] = [];
    for (const f of nonTest.filter((x) => layerOf(x.path) === "engine" || layerOf(x.path) === "shared")) {
      for (const [reached, trail] of reachable(files, f.path)) {
        const via = trail.join(" -> ");
        const layer = layerOf(reached);
        if (!["engine", "shared", "contract"].includes(layer)) offenders.push(`${via} (a ${layer} file)`);
        const file = files.get(reached);
        for (const p of file?.packages ?? [])
          if (IMPURE_PACKAGE.test(p)) offenders.push(`${via} imports ${p}`);
        const clock = file ? IMPURE_TEXT.exec(file.text) : null;
        if (clock) offenders.push(`${via} uses ${clock[0]}`);
      }
    }
    expect([...new Set(offenders)]).toEqual([]);
  });

  it("keeps contracts to contracts: the web bundle pulls no engine, store or service through them", () => {
    const offenders: string[] = [];
    for (const f of nonTest.filter((x) => layerOf(x.path) === "contract")) {
      for (const [reached, trail] of reachable(files, f.path)) {
        const layer = layerOf(reached);
        if (layer !== "contract" && layer !== "shared") offenders.push(trail.join(" -> "));
      }
      for (const p of f.packages)
        if (p !== "zod" && p !== "@hono/zod-openapi") offenders.push(`${f.path} -> ${p}`);
    }
    expect(offenders).toEqual([]);
  });

  it("keeps SQL in stores (and the platform's database room, migrations and test support)", () => {
    const holders = nonTest
      .filter((f) => !["store", "migration", "schema", "test-support"].includes(layerOf(f.path)))
      .filter((f) => !f.path.startsWith("src/platform/db/"))
      .filter((f) => SQL_TEXT.test(f.text))
      .map((f) => f.path);
    expect(holders).toEqual([]);
  });

  it("keeps a service's factory to binding its actions, and each action a function a reader finds by name", () => {
    const offenders = nonTest
      .filter((f) => layerOf(f.path) === "service")
      .flatMap((f) =>
        functionSpans(f.path, f.text)
          .filter((s) =>
            /^create\w*Service$/.test(s.name) ? s.lines > FACTORY_LINES : s.lines > FUNCTION_LINES,
          )
          .map((s) => `${f.path}:${s.line} ${s.name} (${s.lines} lines)`),
      );
    expect(offenders).toEqual([]);
  });

  it("keeps routes off the stores and stores off the services: routes → services → stores", () => {
    const offenders = nonTest.flatMap((f) => {
      const layer = layerOf(f.path);
      return f.edges
        .filter(
          (t) =>
            (layer === "routes" && layerOf(t) === "store") ||
            (layer === "store" && (layerOf(t) === "service" || layerOf(t) === "routes")),
        )
        .map((t) => `${f.path} -> ${t}`);
    });
    expect(offenders).toEqual([]);
  });

  it("declares every route with defineRoute: no other file calls createRoute", () => {
    const offenders = sources
      .filter((f) => f.path !== "src/platform/http/define-route.ts")
      .filter((f) => /\bcreateRoute\s*\(/.test(f.text))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("lets only src/platform/db/ know which database engine runs", () => {
    const offenders = sources
      .filter((f) => !f.path.startsWith("src/platform/db/"))
      .filter((f) => f.packages.some((s) => /^(pg|@electric-sql\/pglite)(\/|$)/.test(s)))
      .map((f) => f.path);
    expect(offenders).toEqual([]);
  });

  it("lets the web import only *.contract.ts files and src/shared/ from src/", () => {
    const offenders = [...files.values()]
      .filter((f) => f.path.startsWith("web/"))
      .flatMap((f) =>
        f.edges
          .filter((t) => t.startsWith("src/") && layerOf(t) !== "contract" && layerOf(t) !== "shared")
          .map((t) => `${f.path} -> ${t}`),
      );
    expect(offenders).toEqual([]);
  });
});
