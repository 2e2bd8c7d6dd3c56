import type { Selectable } from "kysely";
import type { Tx } from "../db/connect.ts";
import type { ApiTokensTable } from "../db/schema.ts";
import type { Scope } from "./scope.ts";

// SQL of `api_tokens`: only the hash of a token is stored; its secret is shown once, at issue.

/** A token as listed to its owner or an administrator: never its hash. */
export type ApiTokenListed = Pick<
  Selectable<ApiTokensTable>,
  "id" | "user_id" | "name" | "created_at" | "expires_at" | "revoked_at" | "last_used_at"
>;

/** Stores a new token of a user of the scope's nation; answers its id. */
export async function insertApiToken(
  tx: Tx,
  scope: Scope,
  values: { userId: string; name: string; tokenHash: string; expiresAt: Date | null },
): Promise<string> {
  const row = await tx
    .insertInto("api_tokens")
    .values({
      tenant_id: scope.tenantId,
      user_id: values.userId,
      name: values.name,
      token_hash: values.tokenHash,
      expires_at: values.expiresAt,
      revoked_at: null,
      last_used_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The tokens of one user of the scope's nation, newest first. */
export async function listApiTokens(tx: Tx, scope: Scope, userId: string): Promise<ApiTokenListed[]> {
  return tx
    .selectFrom("api_tokens")
    .select(["id", "user_id", "name", "created_at", "expires_at", "revoked_at", "last_used_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("user_id", "=", userId)
    .orderBy("created_at", "desc")
    .execute();
}

/**
 * Marks a token of `ownerId` revoked (keeping the first revocation's time); false when the scope's nation has
 * no such token of that owner.
 */
export async function revokeApiToken(
  tx: Tx,
  scope: Scope,
  tokenId: string,
  ownerId: string,
): Promise<boolean> {
  const updated = await tx
    .updateTable("api_tokens")
    .set((eb) => ({ revoked_at: eb.fn.coalesce("revoked_at", eb.val(new Date())) }))
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", tokenId)
    .where("user_id", "=", ownerId)
    .returning("id")
    .executeTakeFirst();
  return updated !== undefined;
}
