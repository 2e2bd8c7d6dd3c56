import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { AppError } from "../errors.ts";

const KeyText = z
  .string()
  .refine((k) => Buffer.from(k, "base64").length === 32, "expected 32 bytes in base64");

/** The key file's shape: AES-256 keys by id, the id new values are written with, and a blind-index key. */
export const KeyFile = z.object({
  current: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  keys: z.record(z.string(), KeyText),
  index: KeyText,
});
export type KeyFile = z.infer<typeof KeyFile>;

/** Field-encryption keys held in memory; they never go to the database. */
export interface Keyring {
  currentId: string;
  key(id: string): Buffer;
  indexKey: Buffer;
  ids: string[];
}

/** Builds a keyring from the parsed key file. */
export function keyringFrom(file: KeyFile): Keyring {
  if (!file.keys[file.current])
    throw new AppError("BAD_INPUT", `key file: the current key "${file.current}" is not among its keys`);
  const keys = new Map(Object.entries(file.keys).map(([id, k]) => [id, Buffer.from(k, "base64")]));
  return {
    currentId: file.current,
    ids: [...keys.keys()],
    indexKey: Buffer.from(file.index, "base64"),
    key(id) {
      const found = keys.get(id);
      if (!found) throw new AppError("INTERNAL", `no encryption key with id "${id}" is loaded`);
      return found;
    },
  };
}

/** A fresh key file with one random key. */
export function newKeyFile(id = `k${Date.now().toString(36)}`): KeyFile {
  return {
    current: id,
    keys: { [id]: randomBytes(32).toString("base64") },
    index: randomBytes(32).toString("base64"),
  };
}

/** Parses key-file text, naming the file and what was wrong. */
export function parseKeyFile(text: string, where: string): KeyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("BAD_INPUT", `${where}: not valid JSON`);
  }
  const parsed = KeyFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("BAD_INPUT", `${where}: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  return parsed.data;
}

/**
 * Loads keys from the environment (`HEMISPHERE_KEYS`, the key file's JSON) or the key file. A missing key file
 * is created with a new key unless `create` is false (production requires keys to be provided).
 */
export function loadKeyFile(options: {
  keyFile: string;
  keysFromEnv?: string | undefined;
  create: boolean;
}): KeyFile {
  if (options.keysFromEnv) return parseKeyFile(options.keysFromEnv, "HEMISPHERE_KEYS");
  if (fs.existsSync(options.keyFile))
    return parseKeyFile(fs.readFileSync(options.keyFile, "utf8"), options.keyFile);
  if (!options.create) {
    throw new AppError("BAD_INPUT", `no encryption keys: create ${options.keyFile} or set HEMISPHERE_KEYS`);
  }
  const file = newKeyFile();
  writeKeyFile(options.keyFile, file);
  return file;
}

/** Writes the key file atomically with owner-only permissions. */
export function writeKeyFile(target: string, file: KeyFile): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temp, target);
}
