import { type Insertable, type Selectable, sql, type Updateable } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { type Audience, hiddenFrom } from "./link-visibility.store.ts";
import { PROTECTED_ROLES } from "./networks.contract.ts";
import type { NetworkDetailRequestsTable } from "./networks.schema.ts";
import type { EntityRow } from "./networks.store.ts";

// The shared hash table (every tenant reads it, each writes only its own rows) and detail requests.

/** Whether an entity's identifier may leave the nation at all: never a client's or a victim's. */
const leavesNation = (entity: string) =>
  sql<boolean>`not (${sql.ref(`${entity}.role`)} = any(${[...PROTECTED_ROLES]}::text[]))`;

/**
 * Entities a nation may publish: those a link outside every protection record touches, except clients and
 * victims (`PROTECTED_ROLES`). Publishing leaves the nation, so an approved legal basis opens nothing here.
 */
export async function publishableEntities(
  tx: Tx,
  scope: Scope,
): Promise<{ entity_type: string; regional_hash: string }[]> {
  const rows = await sql<{ entity_type: string; regional_hash: string }>`
    with seen as (
      select l.source_id as id from network_links l where l.tenant_id = ${scope.tenantId} and not ${hiddenFrom("export")}
      union
      select l.target_id as id from network_links l where l.tenant_id = ${scope.tenantId} and not ${hiddenFrom("export")}
    )
    select distinct e.entity_type, e.regional_hash from network_entities e join seen on seen.id = e.id
    where e.tenant_id = ${scope.tenantId} and ${leavesNation("e")}`.execute(tx);
  return rows.rows;
}

/** Withdraws one published hash of the nation at once (its entity became a client or a victim). */
export async function withdrawPublishedHash(
  tx: Tx,
  scope: Scope,
  type: string,
  hash: string,
): Promise<number> {
  const gone = await tx
    .deleteFrom("network_shared_hashes")
    .where("tenant_id", "=", scope.tenantId)
    .where("entity_type", "=", type)
    .where("hash", "=", hash)
    .executeTakeFirst();
  return Number(gone.numDeletedRows);
}

/** Replaces the nation's published hashes with `hashes`; returns how many were added and withdrawn. */
export async function replacePublishedHashes(
  tx: Tx,
  scope: Scope,
  hashes: { entity_type: string; hash: string }[],
): Promise<{ published: number; withdrawn: number }> {
  const keep = new Set(hashes.map((h) => `${h.entity_type}:${h.hash}`));
  const current = await tx
    .selectFrom("network_shared_hashes")
    .select(["entity_type", "hash"])
    .where("tenant_id", "=", scope.tenantId)
    .execute();
  const stale = current.filter((c) => !keep.has(`${c.entity_type}:${c.hash}`));
  for (const s of stale) {
    await tx
      .deleteFrom("network_shared_hashes")
      .where("tenant_id", "=", scope.tenantId)
      .where("entity_type", "=", s.entity_type)
      .where("hash", "=", s.hash)
      .execute();
  }
  let published = 0;
  for (let i = 0; i < hashes.length; i += 1000) {
    const added = await tx
      .insertInto("network_shared_hashes")
      .values(hashes.slice(i, i + 1000).map((h) => ({ ...h, tenant_id: scope.tenantId })))
      .onConflict((oc) => oc.columns(["tenant_id", "entity_type", "hash"]).doNothing())
      .returning("hash")
      .execute();
    published += added.length;
  }
  return { published, withdrawn: stale.length };
}

/** Hashes the nation published that other nations published too, with the nations that did. */
export async function sharedWithOthers(
  tx: Tx,
  scope: Scope,
): Promise<{ entity_type: string; hash: string; nations: string[] }[]> {
  const rows = await sql<{ entity_type: string; hash: string; nations: string[] }>`
    select mine.entity_type, mine.hash, array_agg(distinct theirs.tenant_id order by theirs.tenant_id) as nations
    from network_shared_hashes mine
    join network_shared_hashes theirs
      on theirs.entity_type = mine.entity_type and theirs.hash = mine.hash and theirs.tenant_id <> mine.tenant_id
    where mine.tenant_id = ${scope.tenantId}
    group by mine.entity_type, mine.hash
    order by mine.entity_type, mine.hash
    limit 1000`.execute(tx);
  return rows.rows;
}

/** True when `tenant` has published this hash. */
export async function hasPublished(tx: Tx, tenant: string, type: string, hash: string): Promise<boolean> {
  const row = await tx
    .selectFrom("network_shared_hashes")
    .select("hash")
    .where("tenant_id", "=", tenant)
    .where("entity_type", "=", type)
    .where("hash", "=", hash)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The nation's entities with these regional hashes that a link the audience may see touches; for the `export`
 * audience, never a client or a victim. The hashes go as one array parameter: every hash other nations published
 * may be asked about at once.
 */
export async function visibleEntitiesByHash(
  tx: Tx,
  scope: Scope,
  audience: Audience,
  hashes: string[],
): Promise<EntityRow[]> {
  if (hashes.length === 0) return [];
  const rows = await sql<EntityRow>`
    select e.id, e.entity_type, e.value_enc, e.regional_hash from network_entities e
    where e.tenant_id = ${scope.tenantId} and e.regional_hash = any(${hashes}::text[])
      and (${audience} <> 'export' or ${leavesNation("e")})
      and exists (select 1 from network_links l
                  where l.tenant_id = e.tenant_id and (l.source_id = e.id or l.target_id = e.id)
                    and not ${hiddenFrom(audience)})`.execute(tx);
  return rows.rows;
}

/** A request for details between two nations, as stored under the holding nation. */
export type DetailRequestRow = Selectable<NetworkDetailRequestsTable>;

/** Records a request under the holding nation (the caller's transaction is bound to that nation). */
export function insertDetailRequest(
  tx: Tx,
  values: Insertable<NetworkDetailRequestsTable>,
): Promise<DetailRequestRow> {
  return tx.insertInto("network_detail_requests").values(values).returningAll().executeTakeFirstOrThrow();
}

/** The requests the nation sent and those it received, newest first, at most `limit` each. */
export async function detailRequestsOf(tx: Tx, scope: Scope, limit: number) {
  const base = tx
    .selectFrom("network_detail_requests")
    .selectAll()
    .orderBy("requested_at", "desc")
    .limit(limit);
  const outgoing = await base.where("requester_tenant", "=", scope.tenantId).execute();
  const incoming = await base.where("tenant_id", "=", scope.tenantId).execute();
  return { outgoing, incoming };
}

/** A request the nation received, held under a row lock until the transaction ends (a decision). */
export function findReceivedRequestForUpdate(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<DetailRequestRow | undefined> {
  return tx
    .selectFrom("network_detail_requests")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

/** Writes the holding nation's decision on a request. */
export function updateReceivedRequest(
  tx: Tx,
  scope: Scope,
  id: string,
  change: Updateable<NetworkDetailRequestsTable>,
): Promise<DetailRequestRow> {
  return tx
    .updateTable("network_detail_requests")
    .set(change)
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
