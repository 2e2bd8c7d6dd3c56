import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { AppError } from "../platform/errors.ts";
import type { NationAnalysis } from "./analysis.service.ts";
import type { ReportCommunity } from "./engine/analyze.ts";
import { renderCaseFile } from "./engine/case-file.ts";
import { normaliseEntityId, normaliseEntityType } from "./engine/entities.ts";
import { parseRole } from "./engine/roles.ts";
import type { EntityCodec } from "./entity.codec.ts";
import { storeObservations } from "./ingest.service.ts";
import type { Audience } from "./link-visibility.store.ts";
import type { TextCodec } from "./network-text.codec.ts";
import {
  type CommunityDetail,
  type CommunitySummary,
  type EdgeView,
  type EntityRole,
  type LinkCreate,
  type Neighbourhood,
  PROTECTED_ROLES,
  type RoledEntityView,
} from "./networks.contract.ts";
import {
  entitiesById,
  hiddenCasesTouching,
  type LinkRow,
  type RoledEntityRow,
  setEntityRole,
  visibleDegrees,
  visibleEntityById,
  visibleEntityByIndex,
  visibleLinksTouching,
} from "./networks.store.ts";
import { withdrawPublishedHash } from "./sharing.store.ts";

/** Links shown around one entity at most (a bus station touches thousands). */
const NEIGHBOURHOOD_LIMIT = 300;
/** Links listed in a case file at most. */
const CASE_FILE_LINKS = 5000;

type Analyse = (tx: Tx, scope: Scope, audience: Audience) => Promise<NationAnalysis>;
type ProtectedRefOf = (tenantId: string, caseRef: string) => string;

/** Turns a stored link into what leaves the server, provenance included. */
export function toEdgeView(l: LinkRow): EdgeView {
  return {
    id: l.id,
    source: l.source_id,
    target: l.target_id,
    kind: l.kind,
    observedOn: l.observed_on,
    caseRef: l.case_ref,
    origin: l.origin,
    recordedBy: l.recorded_by,
    recordedAt: new Date(l.recorded_at).toISOString(),
  };
}

/** What the workspace actions share, built once per service. */
function workspaceDeps(
  db: Db,
  codecs: { entity: EntityCodec; text: TextCodec },
  analyse: Analyse,
  refOf: ProtectedRefOf,
) {
  const codec = codecs.entity;
  return { db, codecs, analyse, refOf, codec };
}

type WorkspaceDeps = ReturnType<typeof workspaceDeps>;

function presentEntity(deps: WorkspaceDeps, r: RoledEntityRow): RoledEntityView {
  const { codec } = deps;
  return {
    id: r.id,
    type: r.entity_type,
    value: codec.decrypt(r.value_enc),
    role: parseRole(r.role) ?? "unknown",
  };
}

async function presentMany(deps: WorkspaceDeps, tx: Tx, scope: Scope, ids: string[]) {
  return new Map((await entitiesById(tx, scope, ids)).map((r) => [r.id, presentEntity(deps, r)]));
}

async function mustSee(tx: Tx, scope: Scope, id: string) {
  const row = await visibleEntityById(tx, scope, id);
  if (!row) throw new AppError("NOT_FOUND", "no such entity in your nation's networks");
  return row;
}

function summarise(c: ReportCommunity, views: Map<string, RoledEntityView>): CommunitySummary {
  return {
    id: c.id,
    score: c.score,
    flagged: c.flagged,
    size: c.size,
    keyActors: c.keyActors.flatMap((a) => {
      const entity = views.get(a.id);
      return entity ? [{ entity, reasons: a.reasons }] : [];
    }),
    indicators: c.indicators,
  };
}

async function detailOf(
  deps: WorkspaceDeps,
  tx: Tx,
  scope: Scope,
  id: string,
  audience: Audience,
): Promise<CommunityDetail> {
  const { analyse } = deps;
  await mustSee(tx, scope, id);
  const { report, communityOf } = await analyse(tx, scope, audience);
  const at = communityOf.get(id);
  const c = at === undefined ? undefined : report.communities[at];
  if (!c) throw new AppError("NOT_FOUND", "this entity is in no community of three or more");
  const views = await presentMany(
    deps,
    tx,
    scope,
    [...c.members, ...c.victims, ...c.clients].map((m) => m.id),
  );
  const listed = (entities: { id: string }[]) => entities.flatMap((e) => views.get(e.id) ?? []);
  return {
    ...summarise(c, views),
    members: c.members.flatMap((m) => {
      const entity = views.get(m.id);
      return entity ? [{ entity, score: m.score }] : [];
    }),
    victims: listed(c.victims),
    clients: listed(c.clients),
  };
}

/** An investigator enters one link by hand (origin `investigator`). */
export function addInvestigatorLink(deps: WorkspaceDeps, scope: Scope, input: LinkCreate) {
  const { db, codecs } = deps;
  return inScope(db, scope, (tx) =>
    storeObservations(tx, scope, codecs, { observations: [input], origin: "investigator" }),
  );
}

/**
 * Sets (or corrects) what an entity is to the investigation. Audited with the role before and after; the next
 * analysis sees it (a victim or a client stops being a key actor, a suspect may become one). A client's or a
 * victim's published hash is withdrawn in the same transaction: it leaves the nation no more.
 */
export function setInvestigationRole(deps: WorkspaceDeps, scope: Scope, id: string, role: EntityRole) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const row = await mustSee(tx, scope, id);
    const previous =
      parseRole((await setEntityRole(tx, scope, id, role, scope.actorLabel)) ?? "") ?? "unknown";
    const withdrawn = PROTECTED_ROLES.includes(role)
      ? await withdrawPublishedHash(tx, scope, row.entity_type, row.regional_hash)
      : 0;
    await recordAudit(tx, scope, {
      action: "network.entity.role.set",
      targetType: "network_entity",
      targetId: id,
      details: { type: row.entity_type, from: previous, to: role, hashWithdrawn: withdrawn > 0 },
    });
    return { entity: { ...presentEntity(deps, row), role }, previous };
  });
}

/** Finds an identifier by its value in any spelling (normalised first); behind the wall it is not found. */
export function searchIdentifier(deps: WorkspaceDeps, scope: Scope, query: { type: string; value: string }) {
  const { db, codec } = deps;
  return inScope(db, scope, async (tx) => {
    const type = normaliseEntityType(query.type);
    const value = normaliseEntityId(type, query.value);
    const row = await visibleEntityByIndex(tx, scope, codec.index(type, value));
    await recordAudit(tx, scope, {
      action: "network.search",
      targetType: "network_entity",
      ...(row ? { targetId: row.id } : {}),
      details: { type, found: row ? 1 : 0 },
    });
    return { matches: row ? [presentEntity(deps, row)] : [] };
  });
}

/** The entity, its visible links (with provenance) and the entities at their other ends. */
export function entityNeighbourhood(deps: WorkspaceDeps, scope: Scope, id: string): Promise<Neighbourhood> {
  const { db, refOf } = deps;
  return inScope(db, scope, async (tx) => {
    const center = presentEntity(deps, await mustSee(tx, scope, id));
    const links = await visibleLinksTouching(tx, scope, "nation", [id], NEIGHBOURHOOD_LIMIT + 1);
    const shown = links.slice(0, NEIGHBOURHOOD_LIMIT);
    const ids = [...new Set(shown.flatMap((l) => [l.source_id, l.target_id]))];
    const views = await presentMany(deps, tx, scope, ids);
    const degrees = await visibleDegrees(tx, scope, ids);
    // Withheld cases become opaque markers: that a record exists, never its case, date or identifiers.
    const walled = await hiddenCasesTouching(tx, scope, "nation", [id]);
    await recordAudit(tx, scope, {
      action: "network.neighbourhood.view",
      targetType: "network_entity",
      targetId: id,
      details: { links: shown.length, protectedWithheld: walled.length },
    });
    return {
      center,
      nodes: ids.flatMap((n) => {
        const v = views.get(n);
        return v ? [{ ...v, degree: degrees.get(n) ?? 0 }] : [];
      }),
      edges: shown.map(toEdgeView),
      truncated: links.length > NEIGHBOURHOOD_LIMIT,
      // Ordered by reference, not by case, so the order says nothing about the cases either.
      protectedRecords: walled
        .map((c) => refOf(scope.tenantId, c))
        .sort()
        .map((ref) => ({ ref })),
    };
  });
}

/** Communities most suspicious first, with key actors and reasons and the indicators they show. */
export function listCommunities(
  deps: WorkspaceDeps,
  scope: Scope,
  query: { flagged?: "true" | "false"; limit: number },
) {
  const { db, analyse } = deps;
  return inScope(db, scope, async (tx) => {
    const { report } = await analyse(tx, scope, "nation");
    const wanted = report.communities
      .filter((c) => query.flagged === undefined || c.flagged === (query.flagged === "true"))
      .slice(0, query.limit);
    const views = await presentMany(
      deps,
      tx,
      scope,
      wanted.flatMap((c) => c.keyActors.map((a) => a.id)),
    );
    await recordAudit(tx, scope, {
      action: "network.communities.view",
      targetType: "network",
      details: { shown: wanted.length, flaggedOnly: query.flagged === "true" },
    });
    return {
      summary: {
        links: report.summary.links,
        entities: report.summary.entities,
        communities: report.summary.communities,
      },
      communities: wanted.map((c) => summarise(c, views)),
    };
  });
}

/** The community an entity belongs to, every member with its centrality. */
export function communityOfEntity(deps: WorkspaceDeps, scope: Scope, id: string) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const detail = await detailOf(deps, tx, scope, id, "nation");
    await recordAudit(tx, scope, {
      action: "network.community.view",
      targetType: "network_entity",
      targetId: id,
      details: { community: detail.id, size: detail.size },
    });
    return detail;
  });
}

/**
 * The HTML case file of the community around an entity, for prosecutors; the export is audited. A file leaves
 * the platform, so it is built as everything that leaves is: without any protection record's links, even
 * those an approved legal basis opened to the investigator here.
 */
export function communityCaseFile(deps: WorkspaceDeps, scope: Scope, id: string, now: Date) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const detail = await detailOf(deps, tx, scope, id, "export");
    const members = new Set(detail.members.map((m) => m.entity.id));
    const links = await visibleLinksTouching(tx, scope, "export", [...members], CASE_FILE_LINKS);
    const inside = links.filter((l) => members.has(l.source_id) && members.has(l.target_id));
    const anchor = detail.members.find((m) => m.entity.id === id)?.entity ?? { type: "", value: "" };
    const withheld = (await hiddenCasesTouching(tx, scope, "export", [...members])).length;
    await recordAudit(tx, scope, {
      action: "network.case_file.export",
      targetType: "network_entity",
      targetId: id,
      details: { community: detail.id, members: detail.size, links: inside.length, withheld },
    });
    return renderCaseFile(detail, inside.map(toEdgeView), {
      nation: scope.tenantId,
      exportedBy: scope.actorLabel,
      exportedAt: now.toISOString(),
      anchor,
      protectedWithheld: withheld,
    });
  });
}

/** The investigator's workspace: enter links, search, expand, communities and case files; every view audited. */
export function createWorkspaceService(
  db: Db,
  codecs: { entity: EntityCodec; text: TextCodec },
  analyse: Analyse,
  refOf: ProtectedRefOf,
) {
  return bindActions(workspaceDeps(db, codecs, analyse, refOf), {
    addLink: addInvestigatorLink,
    setRole: setInvestigationRole,
    search: searchIdentifier,
    neighbourhood: entityNeighbourhood,
    communities: listCommunities,
    communityOf: communityOfEntity,
    caseFile: communityCaseFile,
  });
}
