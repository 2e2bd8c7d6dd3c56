import fs from "node:fs";
import path from "node:path";

/**
 * The project's source files and their import edges, read from the text of each file (static imports,
 * `export … from`, type-only imports, side-effect imports and dynamic `import()`), as the architecture
 * test checks them. Only relative imports become edges; bare specifiers are kept per file.
 */
export const root = path.resolve(import.meta.dirname, "..");

export const CAPABILITIES = [
  "flows",
  "registry",
  "identity",
  "pathways",
  "placement",
  "border",
  "networks",
] as const;

/** Where a file sits in the recipe of ARCHITECTURE.md, read from its folder and suffix. */
export type Layer =
  | "engine"
  | "shared"
  | "index"
  | "contract"
  | "store"
  | "service"
  | "routes"
  | "cli"
  | "command"
  | "schema"
  | "seed"
  | "worker"
  | "pool"
  | "codec"
  | "test-support"
  | "migration"
  | "test"
  | "platform"
  | "composition"
  | "web"
  | "unclassified";

const SUFFIX_LAYERS: [RegExp, Layer][] = [
  [/\.test-support\.ts$/, "test-support"],
  [/\.contract\.ts$/, "contract"],
  [/\.store\.ts$/, "store"],
  [/\.service\.ts$/, "service"],
  [/\.routes\.ts$/, "routes"],
  [/\.cli\.ts$/, "cli"],
  [/\.command\.ts$/, "command"],
  [/\.schema\.ts$/, "schema"],
  [/\.seed\.ts$/, "seed"],
  [/\.worker\.ts$/, "worker"],
  [/\.pool\.ts$/, "pool"],
  [/\.codec\.ts$/, "codec"],
];

export const rel = (file: string) => path.relative(root, file).split(path.sep).join("/");

export const capabilityOf = (file: string): string | undefined =>
  CAPABILITIES.find((c) => file.startsWith(`src/${c}/`));

/** The layer of a repository-relative path. */
export function layerOf(file: string): Layer {
  if (/\.test\.tsx?$/.test(file)) return "test";
  if (file.startsWith("web/")) return "web";
  if (file.startsWith("src/shared/")) return "shared";
  if (file === "src/app.ts" || file.startsWith("src/cli/")) return "composition";
  const cap = capabilityOf(file);
  if (/\/migrations\//.test(file)) return "migration";
  for (const [re, layer] of SUFFIX_LAYERS) if (re.test(file)) return layer;
  if (!cap) return "platform";
  if (file === `src/${cap}/engine/index.ts`) return "engine";
  if (file.startsWith(`src/${cap}/engine/`)) return "engine";
  if (file === `src/${cap}/index.ts`) return "index";
  return "unclassified";
}

export interface SourceFile {
  path: string;
  text: string;
  /** Relative imports, resolved to repository-relative paths. */
  edges: string[];
  /** The relative imports that survive compilation (not `import type` / `export type`). */
  valueEdges: string[];
  /** Bare specifiers imported for their values (`kysely`, `node:fs`); type-only imports are left out. */
  packages: string[];
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name === "dist" ? [] : walk(full);
    return /\.(ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

const TYPE_ONLY = /(?:^|\n)\s*(?:import|export)\s+type\s[^'"]*?from\s+["']([^"']+)["']/g;

const SPECIFIERS = [
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']/g,
  /(?:^|\n)\s*import\s+["']([^"']+)["']/g,
  /import\(\s*["']([^"']+)["']\s*\)/g,
];

/** Reads every `.ts`/`.tsx` file under the given repository-relative folders. */
export function readSources(folders: string[]): Map<string, SourceFile> {
  const files = new Map<string, SourceFile>();
  for (const folder of folders) {
    for (const full of walk(path.join(root, folder))) {
      const text = fs.readFileSync(full, "utf8");
      const specs = SPECIFIERS.flatMap((re) => [...text.matchAll(re)].map((m) => m[1] as string));
      const typeOnly = [...text.matchAll(TYPE_ONLY)].map((m) => m[1] as string);
      const valueSpecs = specs.filter((s) => {
        const i = typeOnly.indexOf(s);
        if (i === -1) return true;
        typeOnly.splice(i, 1);
        return false;
      });
      const file = rel(full);
      const local = (list: string[]) =>
        list.filter((s) => s.startsWith(".")).map((s) => rel(path.resolve(path.dirname(full), s)));
      files.set(file, {
        path: file,
        text,
        edges: local(specs),
        valueEdges: local(valueSpecs),
        packages: valueSpecs.filter((s) => !s.startsWith(".")),
      });
    }
  }
  return files;
}

/**
 * Every file reachable from `start` through relative imports that survive compilation (the start included),
 * with one path to each: what actually runs when `start` is loaded.
 */
export function reachable(files: Map<string, SourceFile>, start: string): Map<string, string[]> {
  const trail = new Map<string, string[]>([[start, [start]]]);
  const queue = [start];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const next of files.get(file)?.valueEdges ?? []) {
      if (trail.has(next) || !files.has(next)) continue;
      trail.set(next, [...(trail.get(file) ?? []), next]);
      queue.push(next);
    }
  }
  return trail;
}

/** The strongly connected groups of more than one file (Tarjan): each is an import cycle. */
export function importCycles(files: Map<string, SourceFile>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of files.get(v)?.edges ?? []) {
      if (!files.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const file of files.keys()) if (!index.has(file)) visit(file);
  return cycles;
}
