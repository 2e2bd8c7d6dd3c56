import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parsePolicyPack } from "./engine/parse-input.ts";
import type { PolicyPack } from "./engine/policy-pack.ts";

// Test support: the shipped policy packs, read from packs/border/ and validated.

/** The shipped packs by jurisdiction. */
export const SHIPPED_PACKS = {
  USA: "us-2020-2025",
  MEX: "mx-2019-2023",
  COL: "co-2021-2023",
} as const;
export type ShippedJurisdiction = keyof typeof SHIPPED_PACKS;

/** The file of a shipped pack. */
export const packPath = (nation: ShippedJurisdiction): string =>
  fileURLToPath(new URL(`../../packs/border/${SHIPPED_PACKS[nation]}.json`, import.meta.url));

export const usPackPath = packPath("USA");

/** Raw pack JSON that tests edit freely to build invalid or altered packs. */
// biome-ignore lint/suspicious/noExplicitAny: tests reach into arbitrary paths of the raw JSON on purpose
export type RawPackJson = Record<string, any>;

/** A shipped pack as raw JSON (a fresh copy each call, for tests that alter it). */
export function packJson(nation: ShippedJurisdiction): RawPackJson {
  return JSON.parse(readFileSync(packPath(nation), "utf8"));
}

/** The US pack as raw JSON. */
export const usPackJson = (): RawPackJson => packJson("USA");

/** A shipped pack, validated; throws when the shipped file is invalid. */
export function loadShippedPack(nation: ShippedJurisdiction): PolicyPack {
  const result = parsePolicyPack(readFileSync(packPath(nation), "utf8"));
  if (!result.ok) throw new Error(`shipped pack ${nation} is invalid: ${JSON.stringify(result.problems)}`);
  return result.value;
}

/** The US pack, validated. */
export const loadUsPack = (): PolicyPack => loadShippedPack("USA");
