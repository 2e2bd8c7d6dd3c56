import { type Selectable, sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { PathwayEntriesTable } from "./pathways.schema.ts";
import "./pathways.schema.ts";

// SQL for the catalogue, pledges, applications and their stage history. Every function takes the scope and
// filters on its tenant; row-level security repeats the rule in the database.

export type EntryRow = Pick<
  Selectable<PathwayEntriesTable>,
  "tenant_id" | "id" | "published" | "current_version" | "capacity_places" | "capacity_period"
>;

/** Whether the nation has any pathway in its catalogue. */
export async function hasEntries(tx: Tx, scope: Scope): Promise<boolean> {
  const row = await tx
    .selectFrom("pathway_entries")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The nation's pathways, with the definition of their current version. */
export async function listEntries(tx: Tx, scope: Scope) {
  return tx
    .selectFrom("pathway_entries as e")
    .innerJoin("pathway_versions as v", (j) =>
      j
        .onRef("v.tenant_id", "=", "e.tenant_id")
        .onRef("v.pathway_id", "=", "e.id")
        .onRef("v.version", "=", "e.current_version"),
    )
    .select(["e.tenant_id", "e.id", "e.published", "e.current_version", "v.effective_from", "v.definition"])
    .where("e.tenant_id", "=", scope.tenantId)
    .orderBy("e.id")
    .execute();
}

/** Every version of the nation's pathways (for the version list of the admin page). */
export async function listVersions(tx: Tx, scope: Scope) {
  return tx
    .selectFrom("pathway_versions")
    .select(["pathway_id", "version", "effective_from", "definition", "created_by"])
    .where("tenant_id", "=", scope.tenantId)
    .orderBy("pathway_id")
    .orderBy("version")
    .execute();
}

/** The nation's pathways, each with the definition of its current version (`id`, `definition`). */
export function currentDefinitions(tx: Tx, scope: Scope) {
  return tx
    .selectFrom("pathway_entries as e")
    .innerJoin("pathway_versions as v", (join) =>
      join
        .onRef("v.tenant_id", "=", "e.tenant_id")
        .onRef("v.pathway_id", "=", "e.id")
        .onRef("v.version", "=", "e.current_version"),
    )
    .select(["e.id", "v.definition"])
    .where("e.tenant_id", "=", scope.tenantId);
}

/** The type of a pathway's current version (`resettlement`, `labour`, …), or null when it names none. */
export async function pathwayTypeOf(tx: Tx, scope: Scope, pathwayId: string): Promise<string | null> {
  const row = await currentDefinitions(tx, scope).where("e.id", "=", pathwayId).executeTakeFirst();
  const type = (row?.definition as { type?: unknown } | undefined)?.type;
  return typeof type === "string" ? type : null;
}

/** One pathway of the nation, or undefined. */
export async function findEntry(tx: Tx, scope: Scope, id: string): Promise<EntryRow | undefined> {
  return tx
    .selectFrom("pathway_entries")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
}

/** Adds a version of a pathway (creating the pathway on its first version) and makes it current. */
export async function saveVersion(
  tx: Tx,
  scope: Scope,
  input: {
    id: string;
    definition: unknown;
    effectiveFrom: string;
    capacity: { places: number; period: string } | null;
  },
): Promise<number> {
  const existing = await findEntry(tx, scope, input.id);
  const version = (existing?.current_version ?? 0) + 1;
  const values = {
    current_version: version,
    capacity_places: input.capacity?.places ?? null,
    capacity_period: input.capacity?.period ?? null,
    updated_by: scope.actorLabel,
    updated_at: new Date(),
  };
  if (existing) {
    await tx
      .updateTable("pathway_entries")
      .set(values)
      .where("tenant_id", "=", scope.tenantId)
      .where("id", "=", input.id)
      .execute();
  } else {
    await tx
      .insertInto("pathway_entries")
      .values({ tenant_id: scope.tenantId, id: input.id, ...values })
      .execute();
  }
  await tx
    .insertInto("pathway_versions")
    .values({
      tenant_id: scope.tenantId,
      pathway_id: input.id,
      version,
      effective_from: input.effectiveFrom,
      definition: JSON.stringify(input.definition),
      created_by: scope.actorLabel,
    })
    .execute();
  return version;
}

/**
 * Publishes or withdraws a pathway from the portal; false when it does not exist. Publishing stamps the time
 * (kept when it was already published): when two published pathways clash, the earlier one keeps its place.
 */
export async function setPublished(tx: Tx, scope: Scope, id: string, published: boolean): Promise<boolean> {
  const now = new Date();
  const result = await tx
    .updateTable("pathway_entries")
    .set({
      published,
      published_at: published ? sql<Date>`case when published then published_at else ${now} end` : null,
      updated_by: scope.actorLabel,
      updated_at: now,
    })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** How many pathways the scope's nation publishes. */
export async function countPublished(tx: Tx, scope: Scope): Promise<number> {
  const row = await tx
    .selectFrom("pathway_entries")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", scope.tenantId)
    .where("published", "=", true)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Every version of every published pathway of every nation (public: no tenant needed), the pathways in the
 * order they were published.
 */
export async function publishedVersions(tx: Tx) {
  return tx
    .selectFrom("pathway_versions as v")
    .innerJoin("pathway_entries as e", (j) =>
      j.onRef("e.tenant_id", "=", "v.tenant_id").onRef("e.id", "=", "v.pathway_id"),
    )
    .select(["v.tenant_id", "v.pathway_id", "v.version", "v.effective_from", "v.definition"])
    .where("e.published", "=", true)
    .orderBy(sql`e.published_at nulls first`)
    .orderBy("v.tenant_id")
    .orderBy("v.pathway_id")
    .orderBy("v.version")
    .execute();
}

/**
 * Serialises changes to what the portal publishes (across nations and server processes), so two pathways
 * checked against the published catalogue at the same moment cannot both get in and clash.
 */
export async function lockPublishedCatalogue(tx: Tx): Promise<void> {
  await sql`select pg_advisory_xact_lock(4242201)`.execute(tx);
}

/** Sets the nation's pledge for a year. */
export async function upsertPledge(tx: Tx, scope: Scope, year: number, places: number, note: string) {
  const values = { places, note, updated_by: scope.actorLabel, updated_at: new Date() };
  await tx
    .insertInto("pathway_pledges")
    .values({ tenant_id: scope.tenantId, year, ...values })
    .onConflict((oc) => oc.columns(["tenant_id", "year"]).doUpdateSet(values))
    .execute();
}

/** Every nation's pledge for a year (pledges are public commitments). */
export async function pledgesOf(tx: Tx, year: number) {
  return tx.selectFrom("pathway_pledges").selectAll().where("year", "=", year).execute();
}

/** Counts for the nation's dashboard: applications by stage and decision, and decision times in days. */
export async function applicationCounts(tx: Tx, scope: Scope, year: number) {
  const rows = await sql<{ stage: string; decision: string | null; n: number }>`
    select stage, decision, count(*)::int as n from pathway_applications
    where tenant_id = ${scope.tenantId} and extract(year from submitted_at) = ${year}
    group by stage, decision`.execute(tx);
  const timing = await sql<{ median: number | null }>`
    select percentile_cont(0.5) within group (
      order by extract(epoch from (decided_at - submitted_at)) / 86400.0) as median
    from pathway_applications
    where tenant_id = ${scope.tenantId} and decided_at is not null
      and extract(year from submitted_at) = ${year}`.execute(tx);
  return { rows: rows.rows, medianDays: timing.rows[0]?.median ?? null };
}
