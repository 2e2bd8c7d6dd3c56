import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cliAction } from "./cli-support.ts";
import { textFault } from "./contract/primitives.contract.ts";

// Every command's arguments and options pass the same text rule as the HTTP edge, in cliAction, before the
// command does anything.

function program(calls: unknown[]) {
  const command = new Command("try")
    .exitOverride()
    .argument("<file>", "a file")
    .requiredOption("--name <name>", "a name")
    .option("--tag <tags...>", "tags")
    .option("--dry-run", "nothing")
    .action(
      cliAction((file: string, options: unknown) => {
        calls.push([file, options]);
      }),
    );
  return command;
}

async function run(args: string[]) {
  const calls: unknown[] = [];
  const written: string[] = [];
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  try {
    await program(calls).parseAsync(args, { from: "user" });
  } finally {
    spy.mockRestore();
  }
  const code = process.exitCode;
  process.exitCode = undefined;
  return { code, calls, stderr: written.join("") };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe("cliAction's argument check", () => {
  const cases: [string, string[], RegExp][] = [
    ["a NUL in an option", ["in.csv", "--name", "a\u0000b"], /^error: --name: holds a NUL character/],
    [
      "a lone surrogate in an argument",
      ["in\ud800.csv", "--name", "x"],
      /^error: <file>: is not well-formed Unicode/,
    ],
    [
      "an escape in one of a list",
      ["in.csv", "--name", "x", "--tag", "ok", "\u001b[2J"],
      /^error: --tag: holds the control character U\+001B/,
    ],
    ["bytes that were not UTF-8", ["in.csv", "--name", "Jos\ufffd"], /^error: --name: is not valid UTF-8/],
  ];
  for (const [name, args, message] of cases) {
    it(`refuses ${name} with exit 2, before the command runs`, async () => {
      const result = await run(args);
      expect(result).toMatchObject({ code: 2, calls: [] });
      expect(result.stderr).toMatch(message);
      // Nothing of the refused value is echoed to the terminal.
      expect(textFault(result.stderr)).toBeNull();
      expect(result.stderr).not.toContain("\ufffd");
    });
  }

  it("runs the command when every value is well-formed", async () => {
    const result = await run(["in.csv", "--name", "Ana María\t🌎", "--tag", "a", "b", "--dry-run"]);
    expect(result.code).toBeUndefined();
    expect(result.calls).toEqual([["in.csv", { name: "Ana María\t🌎", tag: ["a", "b"], dryRun: true }]]);
  });
});

describe("the hemisphere command", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));

  it("exits 2 naming the option when an argument is not valid text, without opening the database", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "cli-edge-")), "data");
    try {
      // A lone surrogate cannot cross exec: it arrives as bytes that are not UTF-8, which Node reads as U+FFFD.
      const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(
          "./bin/hemisphere",
          [
            "user",
            "create",
            "--nation",
            "USA",
            "--email",
            "a@usa.test",
            "--name",
            "Ana\ud800",
            "--role",
            "registrar",
          ],
          { cwd: root, env: { ...process.env, HEMISPHERE_DATA_DIR: dataDir } },
          (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        );
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: --name: is not valid UTF-8/);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      rmSync(join(dataDir, ".."), { recursive: true, force: true });
    }
  });
});
