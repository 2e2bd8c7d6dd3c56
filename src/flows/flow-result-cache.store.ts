import { sql } from "kysely";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import "./flows.schema.ts";

/** Which releases a derived query reads: every visible release of a source, or one, or one publisher's. */
export interface ReleaseSelection {
  source: string;
  release?: string | undefined;
  nation?: string | undefined;
}

/** The state of the releases a query reads, and whether all of them are published (then any tenant may reuse). */
export interface ReleasesState {
  key: string;
  published: boolean;
}

function fingerprint(scope: Scope, on: ReleaseSelection) {
  return sql`select coalesce(md5(string_agg(r.tenant_id || '/' || r.id || '/' || r.revision || '/' || r.published,
        ',' order by r.tenant_id, r.id)), '') as key,
      coalesce(bool_and(r.published), true) as published
    from flow_releases r
    where (r.tenant_id = ${scope.tenantId} or r.published) and r.source = ${on.source}
      ${on.release ? sql`and r.id = ${on.release}::uuid` : sql``}
      ${on.nation ? sql`and r.tenant_id = ${on.nation}` : sql``}`;
}

/** The current state of the releases a query reads. */
export async function releasesState(tx: Tx, scope: Scope, on: ReleaseSelection): Promise<ReleasesState> {
  const result = await sql<ReleasesState>`${fingerprint(scope, on)}`.execute(tx);
  const row = result.rows[0];
  return { key: row?.key ?? "", published: row?.published ?? true };
}

/**
 * In one statement: the state of the releases a query reads, and the result stored for that query over exactly
 * that state (the scope's own, or one computed by anyone from published releases only), if any.
 */
export async function findStoredResult(
  tx: Tx,
  scope: Scope,
  kind: string,
  queryKey: string,
  on: ReleaseSelection,
): Promise<{ state: ReleasesState; result: unknown }> {
  const found = await sql<ReleasesState & { result: unknown }>`with f as (${fingerprint(scope, on)})
    select f.key, f.published, (select c.result from flow_result_cache c
        where c.kind = ${kind} and c.query_key = ${queryKey} and c.releases_key = f.key
          and (c.tenant_id = ${scope.tenantId} or c.published)
        order by c.tenant_id = ${scope.tenantId} desc limit 1) as result
    from f`.execute(tx);
  const row = found.rows[0];
  return {
    state: { key: row?.key ?? "", published: row?.published ?? true },
    result: row?.result ?? undefined,
  };
}

/** Stores (or replaces) the scope's result of a query over one state of its releases. */
export async function storeResult(
  tx: Tx,
  scope: Scope,
  entry: { kind: string; queryKey: string; state: ReleasesState; result: unknown },
): Promise<void> {
  await tx
    .insertInto("flow_result_cache")
    .values({
      tenant_id: scope.tenantId,
      kind: entry.kind,
      query_key: entry.queryKey,
      releases_key: entry.state.key,
      published: entry.state.published,
      result: JSON.stringify(entry.result),
    })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "kind", "query_key"]).doUpdateSet({
        releases_key: entry.state.key,
        published: entry.state.published,
        result: JSON.stringify(entry.result),
        computed_at: new Date(),
      }),
    )
    .execute();
}
