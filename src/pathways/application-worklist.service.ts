import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { needsOf, type WorklistQuery } from "../platform/contract/worklist.contract.ts";
import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import { termFilter } from "../platform/crypto/nation-terms.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import { birthYearsOf, filtersUsed } from "../shared/worklist-filters.ts";
import { applicationFilterTermsOfText } from "./application-terms.codec.ts";
import {
  type ApplicationPage,
  type ApplicationQuery,
  type MyQueuePage,
  type MyQueueQuery,
  WaitingStage,
} from "./application-worklist.contract.ts";
import { applicationsToIndex, listQueue, setApplicationTerms } from "./application-worklist.store.ts";
import { ANSWERS_CONTEXT } from "./engine/field-contexts.ts";
import { presentSummary } from "./workflow.service.ts";

/** A tracking code, whole or its first characters (at least 3). */
const TRACKING_CODE = /^[A-Z0-9][A-Z0-9-]{2,39}$/;

/** The filters both application worklists share, as the store takes them (terms keyed, code checked). */
function sharedFilter(keyring: Keyring, scope: Scope, query: WorklistQuery, year: number) {
  const code = query.code?.trim().toUpperCase();
  if (code !== undefined && !TRACKING_CODE.test(code))
    throw new AppError("BAD_INPUT", "code: an application is searched by its tracking code", {
      field: "code",
    });
  const terms = termFilter(keyring, scope.tenantId, {
    nationality: query.nationality,
    needs: needsOf(query.needs),
    birthYears: query.age ? birthYearsOf(query.age, year) : null,
  });
  return {
    ...terms,
    codePrefix: code,
    newestFirst: query.sort === "newest",
    limit: query.limit,
    offset: query.offset,
  };
}

/**
 * The nation's applications as worklists, filtered and paged in the database: a pathway officer's queue (those
 * awaiting a stage or a decision) and the whole queue in any stage.
 */
export function createApplicationWorklistService(
  db: Db,
  keyring: Keyring,
  clock: () => Date = () => new Date(),
) {
  /** One page and how many match; the read is audited with the filters' names (never their values). */
  const auditedPage = (
    scope: Scope,
    query: WorklistQuery & { pathway?: string | undefined; decision?: string | undefined },
    stages: readonly string[] | null,
    action: string,
  ): Promise<MyQueuePage> =>
    inScope(db, scope, async (tx) => {
      const { rows, total } = await listQueue(tx, scope, {
        stages,
        pathway: query.pathway,
        decision: query.decision,
        ...sharedFilter(keyring, scope, query, clock().getUTCFullYear()),
      });
      await recordAudit(tx, scope, {
        action,
        details: { filters: filtersUsed(query), total, listed: rows.length },
      });
      return { applications: rows.map(presentSummary), total, limit: query.limit, offset: query.offset };
    });
  return {
    /** The applications awaiting a stage or a decision (one waiting stage when asked). */
    myQueue: (scope: Scope, query: MyQueueQuery): Promise<MyQueuePage> =>
      auditedPage(scope, query, query.stage ? [query.stage] : WaitingStage.options, "pathway.queue.read"),

    /** The nation's applications in any stage (one when asked), decided, closed and erased ones included. */
    all: (scope: Scope, query: ApplicationQuery): Promise<ApplicationPage> =>
      auditedPage(scope, query, query.stage ? [query.stage] : null, "pathway.applications.read"),
  };
}

export type ApplicationWorklistService = ReturnType<typeof createApplicationWorklistService>;

/**
 * Fills the filter terms of every application already stored with answers, in every nation (the data step of
 * migration 0008, run as the owner): each application's answers are read once, here, to key them.
 */
export async function fillApplicationFilterTerms(tx: Tx, keyring: Keyring): Promise<number> {
  let after: { tenant: string; id: string } | null = null;
  let filled = 0;
  for (;;) {
    const batch = await applicationsToIndex(tx, after, 500);
    for (const row of batch) {
      const answers = decryptField(keyring, row.answers_enc ?? "", ANSWERS_CONTEXT);
      await setApplicationTerms(
        tx,
        row.tenant_id,
        row.id,
        applicationFilterTermsOfText(keyring, row.tenant_id, answers),
      );
      filled++;
    }
    const last = batch.at(-1);
    if (!last || batch.length < 500) return filled;
    after = { tenant: last.tenant_id, id: last.id };
  }
}
