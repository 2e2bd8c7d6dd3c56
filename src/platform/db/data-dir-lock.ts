import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors.ts";

/** An exclusive claim on an embedded data directory, so two processes never open it at once. */
export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock file in `dir`, replacing a stale one left by a process that no longer runs. */
export function lockDataDir(dir: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "hemisphere.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
      };
      process.on("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readPid(file);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        throw new AppError(
          "CONFLICT",
          `the data directory ${dir} is in use by process ${holder}; stop it first or set HEMISPHERE_DATA_DIR to another directory`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new AppError("CONFLICT", `could not lock the data directory ${dir}`);
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}
