// Compiles src/ into dist/ for the `hemisphere` command (`npm ci` runs it through the `prepare` script):
// TypeScript to JavaScript file by file, in the same folder layout, so paths relative to a module (migrations,
// packs, the web build) resolve the same from src/ and from dist/. Files in src/ that are not TypeScript
// (migrations, a worker written in JavaScript) are copied beside the compiled ones. `dist/.built` is written
// last: bin/hemisphere runs dist/ only when it exists and no source is newer, so an interrupted build is
// never used.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const src = join(root, "src");
const dist = join(root, "dist");
const started = performance.now();
const startedAt = new Date();

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });

function copyAssets(dir) {
  let copied = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copied += copyAssets(path);
    else if (!entry.name.endsWith(".ts")) {
      const target = join(dist, relative(src, path));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
      copied += 1;
    }
  }
  return copied;
}
const assets = copyAssets(src);
// Dated when the build started: a source saved while it ran is newer than the build, and sends the command
// back to the sources.
writeFileSync(join(dist, ".built"), `${startedAt.toISOString()}\n`);
utimesSync(join(dist, ".built"), startedAt, startedAt);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`built dist/ from src/ in ${seconds} s (${assets} other files copied)`);
