import { type RawBuilder, sql } from "kysely";

// Which links a query may return, by who will see the answer. Every link query applies one of these conditions
// in its SQL, so nothing is filtered after the fact.

/**
 * Who will see what a query returns. `nation`: the nation's own investigators, for whom a legal basis approved
 * by the protection side opens a victim's protection record. `export`: anything that leaves the nation or the
 * platform (published hashes, details released to another nation, case files); a protection record never
 * does, whatever was approved at home.
 */
export type Audience = "nation" | "export";

/** SQL: the link (alias `l`) comes from a victim's protection record. */
function protectedLink(): RawBuilder<boolean> {
  return sql<boolean>`(l.case_ref is not null
    and exists (select 1 from network_protection_records p
                where p.tenant_id = l.tenant_id and p.case_ref = l.case_ref))`;
}

/** SQL: the link (alias `l`) is behind the wall: protected, and no approved legal basis names its case. */
function walledLink(): RawBuilder<boolean> {
  return sql<boolean>`(${protectedLink()}
    and not exists (select 1 from network_legal_bases b
                    where b.tenant_id = l.tenant_id and b.case_ref = l.case_ref and b.status = 'approved'))`;
}

/** SQL: the link (alias `l`) is kept out of what the audience sees. */
export function hiddenFrom(audience: Audience): RawBuilder<boolean> {
  return audience === "nation" ? walledLink() : protectedLink();
}
