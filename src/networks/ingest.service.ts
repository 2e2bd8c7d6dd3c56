import type { CountryCode } from "libphonenumber-js";
import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import type { Tx } from "../platform/db/connect.ts";
import { failOnProblems } from "../platform/errors.ts";
import {
  type EntityRef,
  type IdentifierObservation,
  type PreparedLink,
  prepareObservations,
} from "./engine/observations.ts";
import type { EntityCodec } from "./entity.codec.ts";
import type { TextCodec } from "./network-text.codec.ts";
import {
  entityIdsByIndex,
  fillUnknownRoles,
  insertEntities,
  insertLinks,
  type NewLinkRow,
} from "./networks.store.ts";
import { insertProtectionRecordOnce } from "./wall.store.ts";

/** Where observations came from; kept on every link as part of its provenance. */
export type ObservationOrigin = "case" | "encounter" | "investigator" | "import" | "demo";

/** A batch of identifier observations for one nation, and the cases among them that protect a victim. */
export interface IngestInput {
  observations: IdentifierObservation[];
  origin: ObservationOrigin;
  /** Cases that are victims' protection records: their links stay behind the wall. */
  protectionRecords?: { caseRef: string; reason: string }[];
  /** Region (ISO alpha-2) for phone numbers written without a country code. */
  defaultRegion?: CountryCode;
}

export interface IngestResult {
  links: number;
  added: number;
  entities: number;
  /** Entities of unknown role that took the role an observation stated. */
  rolesSet: number;
}

/**
 * Stores observations in the caller's transaction: entities are matched by blind index (new ones stored
 * encrypted), links keep when, which case, which origin and who recorded them; a repeated observation changes
 * nothing. A role an observation states is given to an entity still of unknown role; a role already decided is
 * kept (it changes only through the audited role route). All or nothing: one bad observation rejects the batch.
 */
export async function storeObservations(
  tx: Tx,
  scope: Scope,
  codecs: { entity: EntityCodec; text: TextCodec },
  input: IngestInput,
): Promise<IngestResult> {
  const codec = codecs.entity;
  const prepared = prepareObservations(input.observations, { defaultRegion: input.defaultRegion });
  failOnProblems(
    prepared.problems.map((p) => ({ field: `observations[${p.index}].${p.field}`, message: p.message })),
    "invalid observations",
  );
  const { ids, created, indexOf } = await resolveEntities(tx, scope, codec, prepared.links);
  const rows: NewLinkRow[] = prepared.links.map((l) => {
    const source = ids.get(indexOf(l.source)) as string;
    const target = ids.get(indexOf(l.target)) as string;
    return {
      source_id: source,
      target_id: target,
      kind: l.kind,
      observed_on: l.observedOn,
      case_ref: l.caseRef,
      origin: input.origin,
      recorded_by: scope.actorLabel,
      dedupe_key: [source, target, l.kind, l.observedOn ?? "", l.caseRef ?? ""].join("|"),
    };
  });
  const added = await insertLinks(tx, scope, rows);
  const roles = new Map<string, string>();
  for (const l of prepared.links) {
    if (l.sourceRole) roles.set(ids.get(indexOf(l.source)) as string, l.sourceRole);
    if (l.targetRole) roles.set(ids.get(indexOf(l.target)) as string, l.targetRole);
  }
  const rolesSet = roles.size === 0 ? 0 : await fillUnknownRoles(tx, scope, roles, scope.actorLabel);
  for (const record of input.protectionRecords ?? []) {
    await insertProtectionRecordOnce(tx, scope, {
      caseRef: record.caseRef,
      reasonEnc: codecs.text.seal("protectionReason", record.reason),
      flaggedBy: scope.actorLabel,
    });
  }
  const result = { links: rows.length, added, entities: created, rolesSet };
  await recordAudit(tx, scope, {
    action: "network.ingest",
    targetType: "network",
    details: { origin: input.origin, ...result, protectionRecords: input.protectionRecords?.length ?? 0 },
  });
  return result;
}

async function resolveEntities(
  tx: Tx,
  scope: Scope,
  codec: EntityCodec,
  links: PreparedLink[],
): Promise<{ ids: Map<string, string>; created: number; indexOf: (e: EntityRef) => string }> {
  // One keyed hash per distinct entity, not per mention: a busy station is named thousands of times.
  const indexes = new Map<string, string>();
  const indexOf = (e: EntityRef) => {
    const key = `${e.type}\u0000${e.value}`;
    let index = indexes.get(key);
    if (index === undefined) {
      index = codec.index(e.type, e.value);
      indexes.set(key, index);
    }
    return index;
  };
  const wanted = new Map<string, EntityRef>();
  for (const l of links) {
    for (const side of [l.source, l.target]) {
      const index = indexOf(side);
      if (!wanted.has(index)) wanted.set(index, side);
    }
  }
  const ids = await entityIdsByIndex(tx, scope, [...wanted.keys()]);
  const missing = [...wanted].filter(([index]) => !ids.has(index));
  await insertEntities(
    tx,
    scope,
    missing.map(([index, e]) => ({
      entity_type: e.type,
      value_index: index,
      value_enc: codec.encrypt(e.value),
      regional_hash: codec.regionalHash(e.type, e.value),
    })),
  );
  if (missing.length > 0) {
    const added = await entityIdsByIndex(
      tx,
      scope,
      missing.map(([index]) => index),
    );
    for (const [index, id] of added) ids.set(index, id);
  }
  return { ids, created: missing.length, indexOf };
}
