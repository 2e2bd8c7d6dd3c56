import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "./errors.ts";
import { pipeStrictText, readTextFile, readTextFileSync, strictText } from "./text-input.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "text-input-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: number[] | string): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, typeof bytes === "string" ? bytes : Buffer.from(bytes));
  return target;
}

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("reading files as text", () => {
  it("refuses a Latin-1 file as bad input (exit 2, HTTP 400) naming file, line and field", () => {
    const target = file("people.csv", [...Buffer.from("id,name\n1,Jos"), 0xe9, 0x0a]);
    const error = caught(() => readTextFileSync(target, { delimiter: "," }));
    expect([error.code, error.exitCode, error.status]).toEqual(["BAD_INPUT", 2, 400]);
    expect(error.message).toContain(
      `${target}, line 2, field name (column 2): is not valid UTF-8: byte 0xE9`,
    );
    expect(error.details).toMatchObject({ problems: [{ file: target, line: 2, field: "name (column 2)" }] });
  });

  it("reads a file with a byte-order mark without it, and an unreadable file is bad input", async () => {
    expect(await readTextFile(file("bom.json", [0xef, 0xbb, 0xbf, ...Buffer.from('{"a":1}')]))).toBe(
      '{"a":1}',
    );
    await expect(readTextFile(path.join(dir, "absent.json"))).rejects.toMatchObject({
      code: "BAD_INPUT",
      message: expect.stringMatching(/cannot read .*absent\.json: ENOENT/),
    });
  });

  it("checks text already decoded by the same rule", () => {
    expect(caught(() => strictText("a\n\ud800", "x.txt")).message).toContain(
      "x.txt, line 2: is not well-formed Unicode",
    );
  });

  it("fails a streamed parse with bad input at the fault, after the lines before it went through", async () => {
    const chunks = [Buffer.from("a,b\n1,2\n"), Buffer.from("3,"), Buffer.from([0x00, 0x0a])];
    const seen: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        seen.push(String(chunk));
        done();
      },
    });
    const failure = new Promise<unknown>((resolve) => sink.on("error", resolve));
    pipeStrictText(Readable.from(chunks), "s.csv", sink, { delimiter: "," });
    const error = (await failure) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toContain("s.csv, line 3, field b (column 2): holds a NUL character");
    expect(seen.join("")).toBe("a,b\n1,2\n3,");
  });
});
