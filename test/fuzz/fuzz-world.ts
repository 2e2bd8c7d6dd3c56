import { sql } from "kysely";
import { venezuelanWhoLivedInColombia } from "../../src/border/border.test-support.ts";
import { ensureOffice, publishPathway } from "../../src/pathways/pathways.test-support.ts";
import { Role } from "../../src/platform/auth/auth.contract.ts";
import { personInput, registerPerson } from "../../src/registry/registry.test-support.ts";
import { type TestApp, userWithToken } from "../harness.ts";

// The world the route sweep calls into: the caller's nation (USA) with one record of each kind, another
// nation (MEX) whose records carry a marker that must never reach a USA or REG caller, a token per role, and
// a count of the rows written, to show whether a refused request wrote anything.

/** Text planted in every free-text and name field of the other nation's records. */
export const MARKER = "Quorvexilandrith";

/** Who calls: a role (its user lives in USA, or REG for regional roles) or nobody. */
export interface Caller {
  role: Role | null;
  nation: string;
  token: string | undefined;
}

/** Tables whose rows a refused request may legitimately add: the audit log, counted attempts, budgets. */
const MAY_CHANGE_ON_REFUSAL = new Set([
  "audit_batches",
  "audit_events",
  "audit_heads",
  "audit_log",
  "audit_pending",
  "sign_in_attempts",
  "pathway_portal_budgets",
  "flow_result_cache",
  "schema_migrations",
]);

/** A token for every role (regional ones in REG), plus the anonymous caller. */
export async function callersFor(t: TestApp): Promise<Caller[]> {
  const callers: Caller[] = [{ role: null, nation: "USA", token: undefined }];
  for (const role of Role.options) {
    const nation = role === "regional_admin" ? "REG" : "USA";
    callers.push({ role, nation, token: (await userWithToken(t, nation, [role])).token });
  }
  return callers;
}

/**
 * Creates one record of each kind in `nation` through its routes, with `text` in every free-text field; returns
 * the tokens of the nation's users that made them.
 */
export async function plantNation(
  t: TestApp,
  nation: string,
  text: string,
): Promise<Partial<Record<Role, string>>> {
  const as: Partial<Record<Role, string>> = {};
  for (const role of [
    "caseworker",
    "investigator",
    "nation_admin",
    "border_officer",
    "pathway_officer",
  ] as const)
    as[role] = (await userWithToken(t, nation, [role])).token;
  const call = async (role: Role, method: string, url: string, body?: unknown) => {
    const res = await t.request(method, `/api/v1${url}`, {
      token: as[role],
      ...(body === undefined ? {} : { body }),
    });
    const answer = await res.text();
    if (res.status >= 300) throw new Error(`planting ${method} ${url} in ${nation}: ${res.status} ${answer}`);
    return JSON.parse(answer) as Record<string, unknown>;
  };
  const office = `${nation}-01`;
  const sentence = `${text} asked about the route north`;
  await ensureOffice(t.app, nation, office);
  const personId = await registerPerson(t.app, nation, personInput({ surnames: [text, "Lopez"] }));
  const kase = await call("caseworker", "POST", "/registry/cases", {
    personId,
    type: "protection",
    note: sentence,
  });
  await call("caseworker", "POST", `/registry/cases/${kase.id}/notes`, { body: sentence });
  await call("investigator", "POST", "/networks/links", {
    source: { type: "person", value: text },
    target: { type: "phone", value: "+52 55 1234 5678" },
    caseRef: `${text}-1`,
  });
  await call("caseworker", "POST", "/networks/protection-records", {
    caseRef: `${text}-2`,
    reason: sentence,
  });
  await call("investigator", "POST", "/networks/legal-bases", {
    caseRef: `${text}-3`,
    purpose: sentence,
    authority: sentence,
  });
  await call("nation_admin", "POST", "/tokens", { name: text });
  await call("nation_admin", "POST", "/users", {
    email: `${text.toLowerCase()}@${nation.toLowerCase()}.test`,
    displayName: text,
    roles: ["analyst"],
  });
  await call("border_officer", "POST", "/border/encounters", {
    ...venezuelanWhoLivedInColombia,
    placeNation: nation,
    givenNames: text,
    familyNames: text,
  });
  // A pledge is a public commitment every nation reads, so its note carries no marker.
  await call("pathway_officer", "PUT", "/pathways/pledges/2026", { places: 5, note: "a public commitment" });
  await call("pathway_officer", "PUT", "/pathways/appointment-days", {
    officeId: office,
    day: "2030-01-07",
    capacity: 2,
  });
  const pathwayId = `${nation.toLowerCase()}-fuzz`;
  await publishPathway(t.app.pathways, nation, pathwayId);
  await t.app.pathways.portal.apply(
    {
      lang: "en",
      nation,
      pathwayId,
      answers: { nationality: "HTI" },
      fullName: text,
      contact: `${text}@mail.test`,
    },
    null,
  );
  await call("pathway_officer", "POST", "/placement/runs", { source: "demo", cases: 10, label: text });
  return as;
}

/** Ids of every record of `nation` that has a uuid id, except the callers' own users and tokens. */
export async function recordIds(
  t: TestApp,
  nation: string,
  spare: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const tables = await t.database.asOwner((tx) =>
    sql<{ table_name: string }>`select c.table_name from information_schema.columns c
      join information_schema.columns k on k.table_name = c.table_name and k.table_schema = c.table_schema
      where c.table_schema = current_schema() and c.column_name = 'id' and c.data_type = 'uuid'
        and k.column_name = 'tenant_id' order by 1`.execute(tx),
  );
  const ids: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await t.database.asOwner((tx) =>
      sql<{
        id: string;
      }>`select id::text as id from ${sql.table(table_name)} where tenant_id = ${nation} limit 6`.execute(tx),
    );
    for (const r of rows.rows) if (!spare.has(r.id)) ids.push(r.id);
  }
  return ids;
}

/** The tables a refused request must leave as they were. */
export async function guardedTables(t: TestApp): Promise<string[]> {
  const rows = await t.database.asOwner((tx) =>
    sql<{ table_name: string }>`select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(tx),
  );
  return rows.rows.map((r) => r.table_name).filter((name) => !MAY_CHANGE_ON_REFUSAL.has(name));
}

/**
 * Counts every row written (inserted, updated or deleted) in `tables` from now on, in a table of its own:
 * the count is written in the same transaction as the change, so a transaction rolled back counts nothing.
 */
export async function countWrites(t: TestApp, tables: readonly string[]): Promise<void> {
  await t.database.asOwner(async (tx) => {
    await sql`create table fuzz_writes (tbl text primary key, n bigint not null)`.execute(tx);
    await sql`create function fuzz_count_write() returns trigger language plpgsql security definer
      set search_path from current as $$
      begin
        insert into fuzz_writes as w (tbl, n) values (tg_table_name, 1)
          on conflict (tbl) do update set n = w.n + 1;
        return null;
      end $$`.execute(tx);
    for (const name of tables)
      await sql`create trigger fuzz_count_write after insert or update or delete on ${sql.table(name)}
        for each row execute function fuzz_count_write()`.execute(tx);
  });
}

/** Rows written so far in each counted table. */
export async function writesSoFar(t: TestApp): Promise<Map<string, number>> {
  const rows = await t.database.asOwner((tx) =>
    sql<{ tbl: string; n: number | string }>`select tbl, n from fuzz_writes`.execute(tx),
  );
  return new Map(rows.rows.map((r) => [r.tbl, Number(r.n)]));
}

/** The tables written between two snapshots, with how many rows. */
export function changedCounts(before: Map<string, number>, after: Map<string, number>): string[] {
  const changed: string[] = [];
  for (const [name, n] of after) {
    const was = before.get(name) ?? 0;
    if (was !== n) changed.push(`${name} (${n - was} rows)`);
  }
  return changed;
}
