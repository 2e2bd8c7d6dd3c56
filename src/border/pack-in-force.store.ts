import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { AppError } from "../platform/errors.ts";
import { findPackInForce } from "./border.store.ts";
import { parsePolicyPack } from "./engine/parse-input.ts";
import type { PolicyPack } from "./engine/policy-pack.ts";

/** The pack a nation has in force, parsed once per version. */
export interface LoadedPack {
  pack: PolicyPack;
  packId: string;
  version: string;
  status: string;
}

/** Reads the pack a nation has in force, parsing each stored version once. */
export function packCache() {
  const parsed = new Map<string, PolicyPack>();
  return async (tx: Tx, scope: Scope): Promise<LoadedPack | null> => {
    const row = await findPackInForce(tx, scope);
    if (!row) return null;
    const key = `${row.tenant_id}/${row.pack_id}/${row.version}`;
    let pack = parsed.get(key);
    if (!pack) {
      const result = parsePolicyPack(typeof row.pack === "string" ? row.pack : JSON.stringify(row.pack));
      if (!result.ok) throw new AppError("INTERNAL", `stored policy pack ${key} no longer validates`);
      pack = result.value;
      parsed.set(key, pack);
    }
    return { pack, packId: row.pack_id, version: row.version, status: row.status };
  };
}
