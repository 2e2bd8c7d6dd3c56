import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataDir } from "./data-dir-lock.ts";

describe("data directory lock", () => {
  it("refuses a second holder while the first runs, and frees the directory on release", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hemisphere-lock-"));
    const first = lockDataDir(dir);
    // Pretend another live process holds it: this test process's parent.
    fs.writeFileSync(path.join(dir, "hemisphere.lock"), `${process.ppid}\n`);
    expect(() => lockDataDir(dir)).toThrow(/in use by process/);
    fs.writeFileSync(path.join(dir, "hemisphere.lock"), `${process.pid}\n`);
    first.release();
    expect(fs.existsSync(path.join(dir, "hemisphere.lock"))).toBe(false);
    lockDataDir(dir).release();
  });

  it("takes over a lock left by a process that no longer runs", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hemisphere-lock-"));
    fs.writeFileSync(path.join(dir, "hemisphere.lock"), "999999\n");
    const lock = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, "hemisphere.lock"), "utf8").trim()).toBe(String(process.pid));
    lock.release();
  });
});
