import { requireAgreement } from "../platform/agreements/agreements.service.ts";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { decidePending } from "../platform/db/decide-pending.ts";
import { bindTenant, inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { NationAnalysis } from "./analysis.service.ts";
import { isIdentifierType, isNameType } from "./engine/entities.ts";
import type { EntityCodec } from "./entity.codec.ts";
import type { Audience } from "./link-visibility.store.ts";
import type { TextCodec } from "./network-text.codec.ts";
import type { DetailRequestView, ReleasedDetails } from "./networks.contract.ts";
import { entitiesById, visibleLinksTouching } from "./networks.store.ts";
import {
  type DetailRequestRow,
  detailRequestsOf,
  findReceivedRequestForUpdate,
  hasPublished,
  insertDetailRequest,
  publishableEntities,
  replacePublishedHashes,
  sharedWithOthers,
  updateReceivedRequest,
  visibleEntitiesByHash,
} from "./sharing.store.ts";

type Analyse = (tx: Tx, scope: Scope, audience: Audience) => Promise<NationAnalysis>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toRequestView(r: DetailRequestRow, text: TextCodec): DetailRequestView {
  const details = typeof r.details === "string" ? JSON.parse(r.details) : r.details;
  return {
    id: r.id,
    holder: r.tenant_id,
    requester: r.requester_tenant,
    type: r.entity_type,
    hash: r.hash,
    purpose: text.open("requestPurpose", r.purpose_enc),
    requestedBy: r.requested_by_label,
    requestedAt: new Date(r.requested_at).toISOString(),
    status: r.status as DetailRequestView["status"],
    decidedBy: r.decided_by_label,
    decidedAt: iso(r.decided_at),
    decisionNote: text.openOrNull("requestNote", r.decision_note_enc),
    details: (details as ReleasedDetails | null) ?? null,
  };
}

/** What the sharing actions share, built once per service. */
function sharingDeps(db: Db, codec: EntityCodec, text: TextCodec, analyse: Analyse) {
  return { db, codec, text, analyse };
}

type SharingDeps = ReturnType<typeof sharingDeps>;

function requestView(deps: SharingDeps, r: DetailRequestRow) {
  const { text } = deps;
  return toRequestView(r, text);
}

async function releaseDetails(
  deps: SharingDeps,
  tx: Tx,
  scope: Scope,
  hash: string,
): Promise<ReleasedDetails> {
  const { analyse } = deps;
  const [entity] = await visibleEntitiesByHash(tx, scope, "export", [hash]);
  if (!entity) throw new AppError("CONFLICT", "your nation no longer holds this identifier in view");
  const links = await visibleLinksTouching(tx, scope, "export", [entity.id], 5000);
  const others = links.map((l) => (l.source_id === entity.id ? l.target_id : l.source_id));
  const types = new Map((await entitiesById(tx, scope, others)).map((r) => [r.id, r.entity_type]));
  const linkedTypes: Record<string, number> = {};
  for (const id of new Set(others)) {
    const type = types.get(id) ?? "unknown";
    linkedTypes[type] = (linkedTypes[type] ?? 0) + 1;
  }
  const dates = links.flatMap((l) => (l.observed_on ? [l.observed_on] : [])).sort();
  const { report, communityOf } = await analyse(tx, scope, "export");
  const at = communityOf.get(entity.id);
  const c = at === undefined ? undefined : report.communities[at];
  return {
    entityType: entity.entity_type,
    cases: [...new Set(links.flatMap((l) => (l.case_ref ? [l.case_ref] : [])))].sort(),
    names: [...new Set(others)].filter((id) => isNameType(types.get(id) ?? "")).length,
    firstSeen: dates[0] ?? null,
    lastSeen: dates.at(-1) ?? null,
    linkedTypes,
    community: c
      ? { flagged: c.flagged, score: c.score, size: c.size, indicators: c.indicators.map((i) => i.title) }
      : null,
  };
}

/** Publishes the keyed hashes of the nation's visible identifiers, withdrawing those no longer held. */
export function publishHashes(deps: SharingDeps, scope: Scope) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const rows = (await publishableEntities(tx, scope)).filter((r) => isIdentifierType(r.entity_type));
    const result = await replacePublishedHashes(
      tx,
      scope,
      rows.map((r) => ({ entity_type: r.entity_type, hash: r.regional_hash })),
    );
    await recordAudit(tx, scope, {
      action: "network.hashes.publish",
      targetType: "network",
      details: result,
    });
    return result;
  });
}

/** The nation's identifiers that other nations hold too (own values shown; theirs never leave them). */
export function listSharedMatches(deps: SharingDeps, scope: Scope) {
  const { db, codec } = deps;
  return inScope(db, scope, async (tx) => {
    const shared = await sharedWithOthers(tx, scope);
    const mine = await visibleEntitiesByHash(
      tx,
      scope,
      "nation",
      shared.map((s) => s.hash),
    );
    const byHash = new Map(mine.map((e) => [`${e.entity_type}:${e.regional_hash}`, e]));
    const matches = shared.flatMap((s) => {
      const e = byHash.get(`${s.entity_type}:${s.hash}`);
      if (!e) return [];
      return [
        {
          entity: { id: e.id, type: e.entity_type, value: codec.decrypt(e.value_enc) },
          hash: s.hash,
          nations: s.nations,
        },
      ];
    });
    await recordAudit(tx, scope, {
      action: "network.matches.view",
      targetType: "network",
      details: { matches: matches.length },
    });
    return { matches };
  });
}

/** Asks the holding nation for details on a hash both nations published. */
export function openRequest(
  deps: SharingDeps,
  scope: Scope,
  input: { holder: string; type: string; hash: string; purpose: string },
) {
  const { db, text } = deps;
  return inScope(db, scope, async (tx) => {
    if (input.holder === scope.tenantId) throw new AppError("BAD_INPUT", "ask another nation, not your own");
    await requireAgreement(tx, scope.tenantId, input.holder, "network_detail");
    const shared =
      (await hasPublished(tx, scope.tenantId, input.type, input.hash)) &&
      (await hasPublished(tx, input.holder, input.type, input.hash));
    if (!shared) throw new AppError("NOT_FOUND", "no identifier your nation and that nation both published");
    const row = await insertDetailRequest(tx, {
      tenant_id: input.holder,
      requester_tenant: scope.tenantId,
      entity_type: input.type,
      hash: input.hash,
      purpose_enc: text.seal("requestPurpose", input.purpose),
      requested_by: scope.userId,
      requested_by_label: scope.actorLabel,
    });
    const target = { targetType: "network_detail_request", targetId: row.id };
    await recordAudit(tx, scope, {
      action: "network.detail_request.open",
      ...target,
      details: { holder: input.holder, type: input.type },
    });
    // The holder's chain records the request too, naming the asking nation only.
    await bindTenant(tx, input.holder);
    await recordAudit(tx, scope, {
      tenantId: input.holder,
      action: "network.detail_request.received",
      ...target,
      details: { requester: scope.tenantId, type: input.type },
    });
    await bindTenant(tx, scope.tenantId);
    return requestView(deps, row);
  });
}

/** Requests the nation sent (with what was released) and those it received; reading them is audited. */
export function listRequests(deps: SharingDeps, scope: Scope) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const { outgoing, incoming } = await detailRequestsOf(tx, scope, 200);
    await recordAudit(tx, scope, {
      action: "network.detail_requests.view",
      targetType: "network",
      details: {
        outgoing: outgoing.length,
        incoming: incoming.length,
        released: outgoing.filter((r) => r.details !== null).length,
      },
    });
    return {
      outgoing: outgoing.map((r) => requestView(deps, r)),
      incoming: incoming.map((r) => requestView(deps, r)),
    };
  });
}

/** The holding nation approves (releasing a summary of what it holds) or rejects a request. */
export function decideRequest(
  deps: SharingDeps,
  scope: Scope,
  id: string,
  input: { decision: "approve" | "reject"; note: string },
) {
  const { db, text } = deps;
  return inScope(db, scope, async (tx) => {
    const { found, row, details } = await decidePending(
      { what: "request", loadForUpdate: () => findReceivedRequestForUpdate(tx, scope, id) },
      async (found) => {
        if (input.decision === "approve")
          await requireAgreement(tx, scope.tenantId, found.requester_tenant, "network_detail");
        const details =
          input.decision === "approve" ? await releaseDetails(deps, tx, scope, found.hash) : null;
        const row = await updateReceivedRequest(tx, scope, id, {
          status: input.decision === "approve" ? "approved" : "rejected",
          decided_by: scope.userId,
          decided_by_label: scope.actorLabel,
          decided_at: new Date(),
          decision_note_enc: text.seal("requestNote", input.note),
          details: details === null ? null : JSON.stringify(details),
        });
        return { found, row, details };
      },
    );
    const target = { targetType: "network_detail_request", targetId: id };
    await recordAudit(tx, scope, {
      action: `network.detail_request.${input.decision}`,
      ...target,
      details: {
        requester: found.requester_tenant,
        type: found.entity_type,
        cases: details?.cases.length ?? 0,
      },
    });
    // The asking nation's chain records the answer, naming the holding nation only.
    await bindTenant(tx, found.requester_tenant);
    await recordAudit(tx, scope, {
      tenantId: found.requester_tenant,
      action: "network.detail_request.answered",
      ...target,
      details: { holder: scope.tenantId, decision: input.decision },
    });
    await bindTenant(tx, scope.tenantId);
    return requestView(deps, row);
  });
}

/**
 * Discovery across nations without exchanging identifiers: each nation publishes keyed hashes of the identifiers
 * its investigators may see outside every protection record; a hash two nations both published is a match; the
 * finder asks the holder for details, which the holder approves (releasing a summary, never other people's raw
 * values) or rejects. Everything that leaves is read with the `export` audience: no protection record's link,
 * case or community weight leaves the nation, whatever legal basis was approved at home.
 */
export function createSharingService(db: Db, codec: EntityCodec, text: TextCodec, analyse: Analyse) {
  return bindActions(sharingDeps(db, codec, text, analyse), {
    publish: publishHashes,
    matches: listSharedMatches,
    openRequest,
    listRequests,
    decideRequest,
  });
}
