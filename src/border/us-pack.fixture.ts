import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parsePolicyPack } from "./parse-input.ts";
import type { PolicyPack } from "./policy-pack.ts";

// Test support: the shipped US example pack, read once and validated.

export const usPackPath = fileURLToPath(new URL("../../packs/border/us-2020-2023.json", import.meta.url));

/** Raw pack JSON that tests edit freely to build invalid or altered packs. */
// biome-ignore lint/suspicious/noExplicitAny: tests reach into arbitrary paths of the raw JSON on purpose
export type RawPackJson = Record<string, any>;

/** The US 2020–2023 example pack as raw JSON (a fresh copy each call, for tests that alter it). */
export function usPackJson(): RawPackJson {
  return JSON.parse(readFileSync(usPackPath, "utf8"));
}

/** The US 2020–2023 example pack, validated; throws when the shipped file is invalid. */
export function loadUsPack(): PolicyPack {
  const result = parsePolicyPack(readFileSync(usPackPath, "utf8"));
  if (!result.ok) throw new Error(`shipped pack is invalid: ${JSON.stringify(result.problems)}`);
  return result.value;
}
