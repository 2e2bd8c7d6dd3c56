import { type Selectable, sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { statementBatches } from "../platform/db/statement-batches.ts";
import { type Audience, hiddenFrom } from "./link-visibility.store.ts";
import type { NetworkEntitiesTable, NetworkLinksTable } from "./networks.schema.ts";
import "./networks.schema.ts";

// Entities and links. Every read of links applies `hiddenFrom(audience)` in its SQL: for the nation's own
// investigators a link from a victim's protection record is left out unless an approved legal basis names its
// case; for anything leaving the nation it is always left out.

/** A stored entity, its value still encrypted. */
export type EntityRow = Pick<
  Selectable<NetworkEntitiesTable>,
  "id" | "entity_type" | "value_enc" | "regional_hash"
>;

/** A stored entity with its role in the investigation (`suspect`, `client`, `victim` or `unknown`). */
export type RoledEntityRow = EntityRow & Pick<Selectable<NetworkEntitiesTable>, "role">;

/** A stored link with its provenance. */
export type LinkRow = Pick<
  Selectable<NetworkLinksTable>,
  | "id"
  | "source_id"
  | "target_id"
  | "kind"
  | "observed_on"
  | "case_ref"
  | "origin"
  | "recorded_by"
  | "recorded_at"
>;

/** A link to store: its ends resolved to entity ids, and the key that makes storing it twice a no-op. */
export type NewLinkRow = Omit<LinkRow, "id" | "recorded_at"> & { dedupe_key: string };

/** Entity ids by blind index, for those that exist. */
export async function entityIdsByIndex(
  tx: Tx,
  scope: Scope,
  indexes: string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of statementBatches(indexes, 1)) {
    const rows = await tx
      .selectFrom("network_entities")
      .select(["id", "value_index"])
      .where("tenant_id", "=", scope.tenantId)
      .where("value_index", "in", part)
      .execute();
    for (const r of rows) found.set(r.value_index, r.id);
  }
  return found;
}

/** Inserts entities not stored yet (same type and blind index means the same entity). */
export async function insertEntities(
  tx: Tx,
  scope: Scope,
  rows: { entity_type: string; value_index: string; value_enc: string; regional_hash: string }[],
): Promise<void> {
  for (const part of statementBatches(rows, 5)) {
    await tx
      .insertInto("network_entities")
      .values(part.map((r) => ({ ...r, tenant_id: scope.tenantId })))
      .onConflict((oc) => oc.columns(["tenant_id", "entity_type", "value_index"]).doNothing())
      .execute();
  }
}

/** Inserts links; one already stored (same dedupe key) is left as it is. Returns how many were new. */
export async function insertLinks(tx: Tx, scope: Scope, rows: NewLinkRow[]): Promise<number> {
  let added = 0;
  for (const part of statementBatches(rows, 10)) {
    const inserted = await tx
      .insertInto("network_links")
      .values(part.map((r) => ({ ...r, tenant_id: scope.tenantId })))
      .onConflict((oc) => oc.columns(["tenant_id", "dedupe_key"]).doNothing())
      .returning("id")
      .execute();
    added += inserted.length;
  }
  return added;
}

/** A link as the analysis reads it: with both ends' types and roles. */
export type AnalysedLinkRow = LinkRow & {
  source_type: string;
  target_type: string;
  source_role: string;
  target_role: string;
};

/** Every link of the nation the audience may see, with its two ends' types and roles (the analysis input). */
export async function visibleLinks(tx: Tx, scope: Scope, audience: Audience): Promise<AnalysedLinkRow[]> {
  const rows = await sql<AnalysedLinkRow>`
    select l.id, l.source_id, l.target_id, l.kind, l.observed_on::text as observed_on, l.case_ref, l.origin,
           l.recorded_by, l.recorded_at, s.entity_type as source_type, t.entity_type as target_type,
           s.role as source_role, t.role as target_role
    from network_links l
    join network_entities s on s.tenant_id = l.tenant_id and s.id = l.source_id
    join network_entities t on t.tenant_id = l.tenant_id and t.id = l.target_id
    where l.tenant_id = ${scope.tenantId} and not ${hiddenFrom(audience)}
    -- A stable order (ids are random) so community detection gives the same answer for the same data.
    order by l.case_ref nulls last, l.observed_on nulls last, l.kind, s.entity_type, t.entity_type, l.recorded_at, l.id`.execute(
    tx,
  );
  return rows.rows;
}

/**
 * Links the audience may see touching any of the entities, at most `limit`, newest observations first. The ids go
 * as one array parameter: a community of any size binds two values, never one per member.
 */
export async function visibleLinksTouching(
  tx: Tx,
  scope: Scope,
  audience: Audience,
  entityIds: string[],
  limit: number,
): Promise<LinkRow[]> {
  if (entityIds.length === 0) return [];
  const rows = await sql<LinkRow>`
    select l.id, l.source_id, l.target_id, l.kind, l.observed_on::text as observed_on, l.case_ref, l.origin,
           l.recorded_by, l.recorded_at
    from network_links l
    where l.tenant_id = ${scope.tenantId}
      and (l.source_id = any(${entityIds}::uuid[]) or l.target_id = any(${entityIds}::uuid[]))
      and not ${hiddenFrom(audience)}
    order by l.observed_on desc nulls last, l.id
    limit ${limit}`.execute(tx);
  return rows.rows;
}

/**
 * Cases hidden from the audience whose links touch any of the entities: only the case references, for the server
 * to turn into opaque markers or a count; never sent out as they are.
 */
export async function hiddenCasesTouching(
  tx: Tx,
  scope: Scope,
  audience: Audience,
  entityIds: string[],
): Promise<string[]> {
  const found = new Set<string>();
  for (const part of statementBatches(entityIds, 2)) {
    const rows = await sql<{ case_ref: string }>`
      select distinct l.case_ref from network_links l
      where l.tenant_id = ${scope.tenantId}
        and (l.source_id in (${sql.join(part)}) or l.target_id in (${sql.join(part)}))
        and ${hiddenFrom(audience)}`.execute(tx);
    for (const r of rows.rows) found.add(r.case_ref);
  }
  return [...found].sort();
}

/** The links of one case the nation's investigators may see, at most `limit`, in the order they were observed. */
export async function visibleLinksOfCase(
  tx: Tx,
  scope: Scope,
  caseRef: string,
  limit: number,
): Promise<LinkRow[]> {
  const rows = await sql<LinkRow>`
    select l.id, l.source_id, l.target_id, l.kind, l.observed_on::text as observed_on, l.case_ref, l.origin,
           l.recorded_by, l.recorded_at
    from network_links l
    where l.tenant_id = ${scope.tenantId} and l.case_ref = ${caseRef} and not ${hiddenFrom("nation")}
    order by l.observed_on nulls last, l.id
    limit ${limit}`.execute(tx);
  return rows.rows;
}

/** How many links the nation's investigators may see touch each entity. */
export async function visibleDegrees(
  tx: Tx,
  scope: Scope,
  entityIds: string[],
): Promise<Map<string, number>> {
  const degrees = new Map<string, number>();
  for (const part of statementBatches(entityIds, 2)) {
    const counted = await sql<{ id: string; n: number }>`
      select x.id::text as id, count(*)::int as n from (
        select l.source_id as id from network_links l
        where l.tenant_id = ${scope.tenantId} and l.source_id in (${sql.join(part)}) and not ${hiddenFrom("nation")}
        union all
        select l.target_id as id from network_links l
        where l.tenant_id = ${scope.tenantId} and l.target_id in (${sql.join(part)}) and not ${hiddenFrom("nation")}
      ) x group by x.id`.execute(tx);
    for (const r of counted.rows) degrees.set(r.id, r.n);
  }
  return degrees;
}

/** Entities by id (values encrypted). */
export async function entitiesById(tx: Tx, scope: Scope, ids: string[]): Promise<RoledEntityRow[]> {
  const out: RoledEntityRow[] = [];
  for (const part of statementBatches([...new Set(ids)], 1)) {
    const rows = await tx
      .selectFrom("network_entities")
      .select(["id", "entity_type", "value_enc", "regional_hash", "role"])
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "in", part)
      .execute();
    out.push(...rows);
  }
  return out;
}

/** The entity with this blind index, only when a link the nation's investigators may see touches it. */
export async function visibleEntityByIndex(
  tx: Tx,
  scope: Scope,
  index: string,
): Promise<RoledEntityRow | undefined> {
  const rows = await sql<RoledEntityRow>`
    select e.id, e.entity_type, e.value_enc, e.regional_hash, e.role from network_entities e
    where e.tenant_id = ${scope.tenantId} and e.value_index = ${index}
      and exists (select 1 from network_links l
                  where l.tenant_id = e.tenant_id and (l.source_id = e.id or l.target_id = e.id)
                    and not ${hiddenFrom("nation")})`.execute(tx);
  return rows.rows[0];
}

/** The entity by id, only when a link the nation's investigators may see touches it. */
export async function visibleEntityById(
  tx: Tx,
  scope: Scope,
  id: string,
): Promise<RoledEntityRow | undefined> {
  const rows = await sql<RoledEntityRow>`
    select e.id, e.entity_type, e.value_enc, e.regional_hash, e.role from network_entities e
    where e.tenant_id = ${scope.tenantId} and e.id = ${id}
      and exists (select 1 from network_links l
                  where l.tenant_id = e.tenant_id and (l.source_id = e.id or l.target_id = e.id)
                    and not ${hiddenFrom("nation")})`.execute(tx);
  return rows.rows[0];
}

/** Whether the nation has any link of this origin (the demo's, say). */
export async function hasLinksOfOrigin(tx: Tx, scope: Scope, origin: string): Promise<boolean> {
  const row = await tx
    .selectFrom("network_links")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("origin", "=", origin)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Gives stated roles to entities still of unknown role; an entity whose role was already decided keeps it (a change
 * goes through `setEntityRole`, audited). Returns how many took a role.
 */
export async function fillUnknownRoles(
  tx: Tx,
  scope: Scope,
  roles: Map<string, string>,
  setBy: string,
): Promise<number> {
  const byRole = new Map<string, string[]>();
  for (const [id, role] of roles) byRole.set(role, [...(byRole.get(role) ?? []), id]);
  let filled = 0;
  for (const [role, ids] of byRole) {
    for (const part of statementBatches(ids, 1)) {
      const updated = await tx
        .updateTable("network_entities")
        .set({ role, role_set_by: setBy, role_set_at: sql<Date>`now()` })
        .where("tenant_id", "=", scope.tenantId)
        .where("id", "in", part)
        .where("role", "=", "unknown")
        .executeTakeFirst();
      filled += Number(updated.numUpdatedRows);
    }
  }
  return filled;
}

/** Sets one entity's role, whatever it was; returns the role it had (undefined when there is no such entity). */
export async function setEntityRole(
  tx: Tx,
  scope: Scope,
  id: string,
  role: string,
  setBy: string,
): Promise<string | undefined> {
  const was = await tx
    .selectFrom("network_entities")
    .select("role")
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!was) return undefined;
  await tx
    .updateTable("network_entities")
    .set({ role, role_set_by: setBy, role_set_at: sql<Date>`now()` })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .execute();
  return was.role;
}

/**
 * A cheap fingerprint of what the analysis sees; it changes when links, roles, protection or legal bases change.
 */
export async function networkVersion(tx: Tx, scope: Scope): Promise<string> {
  const rows = await sql<{ v: string }>`
    select concat_ws('/',
      (select count(*) from network_links where tenant_id = ${scope.tenantId}),
      (select max(recorded_at)::text from network_links where tenant_id = ${scope.tenantId}),
      (select max(role_set_at)::text from network_entities where tenant_id = ${scope.tenantId}),
      (select count(*) from network_protection_records where tenant_id = ${scope.tenantId}),
      (select count(*) from network_legal_bases where tenant_id = ${scope.tenantId} and status = 'approved')
    ) as v`.execute(tx);
  return rows.rows[0]?.v ?? "";
}
