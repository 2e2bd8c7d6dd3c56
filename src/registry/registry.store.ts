import { type ExpressionBuilder, sql } from "kysely";
import "./registry.schema.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import type { Schema } from "../platform/db/schema.ts";
import type { SealedBatch } from "./person-batch.codec.ts";
import type { SealedPerson } from "./person-seal.codec.ts";

// SQL for people. Every function takes the scope and filters on its tenant (row-level security repeats it);
// reads also apply the scope's reach: an office's registrar sees that office, a caseworker their own people.

type PeopleEb = ExpressionBuilder<Schema, "registry_people">;

/**
 * The reach rule for people as a SQL condition: an office-bound role sees the people its office registered (a
 * user without an office, those registered without one); everyone else with `person.read` sees the nation's
 * people. A caseworker's narrower reach applies to cases, not to finding the people cases are opened for.
 */
export function peopleReach(scope: Scope) {
  return (eb: PeopleEb) => {
    if (scope.reach !== "office") return eb.lit(true);
    return scope.officeId === null
      ? eb("registry_people.office_id", "is", null)
      : eb("registry_people.office_id", "=", scope.officeId);
  };
}

/** Inserts sealed people; rows whose external id is already registered are left alone. Returns ids inserted. */
export async function insertPeople(
  tx: Tx,
  scope: Scope,
  rows: (SealedPerson & { office_id: string | null })[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx
    .insertInto("registry_people")
    .values(rows.map((r) => ({ ...r, tenant_id: scope.tenantId, created_by: scope.userId })))
    .onConflict((oc) => oc.columns(["tenant_id", "external_key"]).doNothing())
    .returning("id")
    .execute();
  return inserted.map((r) => r.id);
}

/**
 * Inserts a chunk of sealed people with one statement of a fixed shape: each column comes as one text, split
 * into the rows in SQL (see `SealedBatch`), so a chunk costs one round trip, a dozen parameters and the same
 * statement text every time. Rows whose external id is already registered are skipped. Returns how many were
 * inserted.
 */
export async function insertPeopleBulk(
  tx: Tx,
  scope: Scope,
  officeId: string | null,
  batch: SealedBatch,
): Promise<number> {
  if (batch.count === 0) return 0;
  // A value split from a one-row chunk's empty text is missing rather than null: unnest fills it with a null,
  // and the lists fall back to empty.
  const values = (text: string) => sql`string_to_array(${text}::text, ',', '')`;
  const lists = (text: string) => sql`string_to_array(${text}::text, ',')`;
  const result = await sql`
    insert into registry_people (tenant_id, office_id, created_by, external_key, external_id_enc,
      given_names_enc, surnames_enc, sex_enc, birth_date_enc, details_enc, terms, clk, name_dob_clk,
      shielded_from, filter_terms)
    select ${scope.tenantId}, ${officeId}, ${scope.userId}::uuid, k, e, g, s, x, b, d,
      coalesce(string_to_array(t, ' '), '{}'), decode(c, 'base64'), decode(n, 'base64'),
      coalesce(string_to_array(f, ' '), '{}'), coalesce(string_to_array(w, ' '), '{}')
    from unnest(${values(batch.external_key)}, ${values(batch.external_id_enc)},
      ${values(batch.given_names_enc)}, ${values(batch.surnames_enc)}, ${values(batch.sex_enc)},
      ${values(batch.birth_date_enc)}, ${values(batch.details_enc)}, ${lists(batch.terms)},
      ${values(batch.clk)}, ${values(batch.name_dob_clk)}, ${lists(batch.shielded_from)},
      ${lists(batch.filter_terms)}) as u(k, e, g, s, x, b, d, t, c, n, f, w)
    on conflict (tenant_id, external_key) do nothing`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

/** Whether the scope's nation holds anyone registered from a file (with an external id) at all. */
export async function holdsExternalKeys(tx: Tx, scope: Scope): Promise<boolean> {
  const row = await tx
    .selectFrom("registry_people")
    .select("external_key")
    .where("tenant_id", "=", scope.tenantId)
    .where("external_key", "is not", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Which of these external-id blind indexes the scope's nation already holds. */
export async function existingExternalKeys(tx: Tx, scope: Scope, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 10_000) {
    const rows = await tx
      .selectFrom("registry_people")
      .select("external_key")
      .where("tenant_id", "=", scope.tenantId)
      .where(sql<boolean>`external_key = any(${keys.slice(i, i + 10_000)}::text[])`)
      .execute();
    for (const r of rows) if (r.external_key) found.add(r.external_key);
  }
  return found;
}

/** The columns of a stored person every reader of people selects. */
export const personColumns = [
  "id",
  "office_id",
  "external_id_enc",
  "given_names_enc",
  "surnames_enc",
  "sex_enc",
  "birth_date_enc",
  "details_enc",
  "status",
  "merged_into",
  "created_at",
  "shielded_from",
] as const;

/** One person in the scope's reach, or undefined. */
export function findPerson(tx: Tx, scope: Scope, id: string) {
  return tx
    .selectFrom("registry_people")
    .select(personColumns)
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .where("status", "!=", "erased")
    .where(peopleReach(scope))
    .executeTakeFirst();
}

/** One person of the scope's nation whatever the reach (duplicate checks need to see across offices). */
export function findPersonInNation(tx: Tx, scope: Scope, id: string) {
  return tx
    .selectFrom("registry_people")
    .select(personColumns)
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .where("status", "!=", "erased")
    .executeTakeFirst();
}

/** A person's row as read back: the sealed columns with status and bookkeeping, opened by `openPerson`. */
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

/**
 * Active people sharing blind-index terms with a query, most shared terms first. `required` terms select the
 * candidates (names, or a document, or a date when nothing else is asked); `all` terms rank them.
 */
export async function findCandidates(
  tx: Tx,
  scope: Scope,
  terms: { required: string[]; all: string[] },
  options: { limit: number; nationWide: boolean },
): Promise<(PersonRow & { shared: number })[]> {
  if (terms.required.length === 0) return [];
  // Selected and ranked through the terms' index by `registry_person_candidates` (migration 0010 says why), on
  // ids only; then the encrypted columns are read for the chosen few: a common name matches thousands.
  const officeReach = !options.nationWide && scope.reach === "office";
  const ranked = await sql<{ id: string; shared: number }>`select c.id, c.shared
    from registry_person_candidates(${scope.tenantId}, ${sql.val(terms.required)}::text[],
      ${sql.val([...new Set(terms.all)])}::text[], ${officeReach}, ${scope.officeId ?? null}, ${options.limit}) c`.execute(
    tx,
  );
  const top = ranked.rows;
  if (top.length === 0) return [];
  const rows = await tx
    .selectFrom("registry_people")
    .select(personColumns)
    .where("tenant_id", "=", scope.tenantId)
    .where(
      "id",
      "in",
      top.map((t) => t.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return top.flatMap((t) => {
    const row = byId.get(t.id);
    return row ? [{ ...row, shared: Number(t.shared) }] : [];
  });
}

/** Updates a person's sealed columns. */
export async function updatePerson(
  tx: Tx,
  scope: Scope,
  id: string,
  sealed: Omit<SealedPerson, "external_key" | "external_id_enc">,
) {
  await tx
    .updateTable("registry_people")
    .set({ ...sealed, updated_at: new Date() })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .execute();
}

/** Marks a person merged into another (or active again when `into` is null). */
export async function setMerged(tx: Tx, scope: Scope, id: string, into: string | null) {
  await tx
    .updateTable("registry_people")
    .set({ status: into === null ? "active" : "merged", merged_into: into, updated_at: new Date() })
    .where("tenant_id", "=", scope.tenantId)
    .where("id", "=", id)
    .execute();
}

/** Family links of a person. */
export function familyOf(tx: Tx, scope: Scope, personId: string) {
  return tx
    .selectFrom("registry_family_links")
    .select(["related_id", "relation"])
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "=", personId)
    .execute();
}

/** Adds a family link (idempotent). */
export async function insertFamilyLink(
  tx: Tx,
  scope: Scope,
  personId: string,
  relatedId: string,
  relation: string,
) {
  await tx
    .insertInto("registry_family_links")
    .values({ tenant_id: scope.tenantId, person_id: personId, related_id: relatedId, relation })
    .onConflict((oc) => oc.columns(["tenant_id", "person_id", "related_id"]).doUpdateSet({ relation }))
    .execute();
}

/** The consent history of a person, newest first (who gave it still encrypted). */
export function consentsOf(tx: Tx, scope: Scope, personId: string) {
  return tx
    .selectFrom("registry_consents")
    .select(["purpose", "given", "given_by_enc", "recorded_at"])
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "=", personId)
    .orderBy("recorded_at", "desc")
    .orderBy("id")
    .execute();
}

/** Whether the person's latest consent for a purpose is given. */
export async function hasConsent(tx: Tx, scope: Pick<Scope, "tenantId">, personId: string, purpose: string) {
  const latest = await tx
    .selectFrom("registry_consents")
    .select("given")
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "=", personId)
    .where("purpose", "=", purpose)
    .orderBy("recorded_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return latest?.given === true;
}

/**
 * Every active person's CLK in the bound tenant that the asking nation may be answered about (people shielded
 * from the asker are left out in this same statement): the only thing a partner's question is matched against.
 */
export function encodingsOf(tx: Tx, tenantId: string, asker: string) {
  return tx
    .selectFrom("registry_people")
    .select(["id", "clk"])
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "active")
    .where("clk", "is not", null)
    .where(sql<boolean>`not (${asker} = any(shielded_from))`)
    .execute();
}

/** The number of people in the scope's nation. */
export async function countPeople(tx: Tx, scope: Pick<Scope, "tenantId">): Promise<number> {
  const row = await tx
    .selectFrom("registry_people")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", scope.tenantId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Keeps a person's sealed values, as stored before a correction, in their history. Returns the version's id. */
export async function insertPersonVersion(
  tx: Tx,
  scope: Scope,
  personId: string,
  before: Pick<PersonRow, "given_names_enc" | "surnames_enc" | "sex_enc" | "birth_date_enc" | "details_enc">,
  change: { changed: string[]; reasonEnc: string },
): Promise<string> {
  const row = await tx
    .insertInto("registry_person_versions")
    .values({
      tenant_id: scope.tenantId,
      person_id: personId,
      given_names_enc: before.given_names_enc,
      surnames_enc: before.surnames_enc,
      sex_enc: before.sex_enc,
      birth_date_enc: before.birth_date_enc,
      details_enc: before.details_enc,
      changed: change.changed,
      reason_enc: change.reasonEnc,
      edited_by: scope.actorLabel,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A person's earlier versions, newest first. */
export function versionsOf(tx: Tx, scope: Scope, personId: string) {
  return tx
    .selectFrom("registry_person_versions")
    .selectAll()
    .where("tenant_id", "=", scope.tenantId)
    .where("person_id", "=", personId)
    .orderBy("edited_at", "desc")
    .orderBy("id")
    .execute();
}

/** The id of the nation's person with this external key, if any. */
export async function personIdByExternalKey(tx: Tx, scope: Pick<Scope, "tenantId">, key: string) {
  const row = await tx
    .selectFrom("registry_people")
    .select("id")
    .where("tenant_id", "=", scope.tenantId)
    .where("external_key", "=", key)
    .executeTakeFirst();
  return row?.id;
}

/** Every person of the nation by id, external key and office (the demo seed's lookup). */
export function peopleKeys(tx: Tx, scope: Pick<Scope, "tenantId">) {
  return tx
    .selectFrom("registry_people")
    .select(["id", "external_key", "office_id"])
    .where("tenant_id", "=", scope.tenantId)
    .execute();
}

/** A page of stored people of every nation (erased ones aside), after a `(tenant, id)` position: for data steps. */
export async function storedPeoplePage(tx: Tx, after: { tenant: string; id: string } | null, limit: number) {
  let q = tx
    .selectFrom("registry_people")
    .select(["tenant_id", ...personColumns])
    .where("status", "!=", "erased");
  if (after) q = q.where(sql<boolean>`(tenant_id, id) > (${after.tenant}, ${after.id}::uuid)`);
  return q.orderBy("tenant_id").orderBy("id").limit(limit).execute();
}

/** Sets the search terms (already keyed) of several people of one nation in one statement. */
export async function setTerms(tx: Tx, tenantId: string, rows: { id: string; terms: string[] }[]) {
  if (rows.length === 0) return;
  await sql`
    update registry_people p set terms = string_to_array(u.t, ' ')
    from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.terms.join(" "))}::text[]) as u(id, t)
    where p.tenant_id = ${tenantId} and p.id = u.id`.execute(tx);
}

/** Refreshes the planner's statistics of the people table (as its owner), after a large import changed its size. */
export async function analyzePeople(tx: Tx) {
  await sql`analyze registry_people`.execute(tx);
}
