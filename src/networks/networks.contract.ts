import { z } from "zod";
import { trimmedText } from "../platform/contract/primitives.contract.ts";

// Shapes shared by the networks routes and the investigator workspace (web imports only this file).

export const IdParam = z.object({ id: z.uuid() });

export const EntityRefInput = z.object({
  type: trimmedText(1, 40),
  value: trimmedText(1, 300),
});

/**
 * What an entity is to the investigation: a `suspect` (the ring's people and what they hold), a `client` (someone
 * the ring moved, who paid it), a `victim` (someone it exploited), or `unknown` (not decided: the default).
 * Only suspects and unknowns are ever named key actors; victims and clients are listed apart.
 */
export const entityRoles = ["suspect", "client", "victim", "unknown"] as const;
export const EntityRole = z.enum(entityRoles);
export type EntityRole = z.infer<typeof EntityRole>;

/**
 * Roles of the people an investigation protects, not pursues: a smuggled client or a victim. Their identifiers
 * never leave the nation — never published as hashes, never released as details — so no other nation, the one
 * they fled included, learns from the network where they are.
 */
export const PROTECTED_ROLES: readonly EntityRole[] = ["client", "victim"];

/** One end of a link as entered, optionally with the role the investigator knows it has. */
export const LinkEndInput = EntityRefInput.extend({ role: EntityRole.optional() });

export const LinkCreate = z.object({
  source: LinkEndInput,
  target: LinkEndInput,
  kind: trimmedText(1, 60).optional(),
  observedAt: trimmedText(0, 40).optional(),
  caseRef: trimmedText(1, 80).optional(),
});
export type LinkCreate = z.infer<typeof LinkCreate>;

export const IngestResult = z.object({
  links: z.number().int(),
  added: z.number().int(),
  entities: z.number().int(),
  /** Entities of unknown role that took the role the link stated (a role already decided is kept). */
  rolesSet: z.number().int(),
});

export const EntityView = z.object({ id: z.string(), type: z.string(), value: z.string() });
export type EntityView = z.infer<typeof EntityView>;

/** An entity in the investigator's workspace: with its role in the investigation. */
export const RoledEntityView = EntityView.extend({ role: EntityRole });
export type RoledEntityView = z.infer<typeof RoledEntityView>;

/** An investigator sets (or corrects) an entity's role; the change is audited with the role before and after. */
export const RoleUpdate = z.object({ role: EntityRole });
export const RoleChange = z.object({ entity: RoledEntityView, previous: EntityRole });

export const SearchQuery = z.object({
  type: trimmedText(1, 40).default("phone"),
  value: trimmedText(1, 300),
});
export const SearchResult = z.object({ matches: z.array(RoledEntityView) });

/** One observed link with its provenance: when, from which case, where it came from, who recorded it. */
export const EdgeView = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  kind: z.string(),
  observedOn: z.string().nullable(),
  caseRef: z.string().nullable(),
  origin: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type EdgeView = z.infer<typeof EdgeView>;

export const NeighbourhoodNode = RoledEntityView.extend({ degree: z.number().int() });
/**
 * A protection record behind the wall, as an investigator may see it: an opaque reference and nothing else (no
 * case, no date, no identifier), enough to ask for it on a legal basis.
 */
export const ProtectedMarker = z.object({ ref: z.string() });
export type ProtectedMarker = z.infer<typeof ProtectedMarker>;

export const Neighbourhood = z.object({
  center: RoledEntityView,
  nodes: z.array(NeighbourhoodNode),
  edges: z.array(EdgeView),
  truncated: z.boolean(),
  /** Protection records whose links touch the center but stay withheld: "protected, legal basis required". */
  protectedRecords: z.array(ProtectedMarker),
});
export type Neighbourhood = z.infer<typeof Neighbourhood>;

export const IndicatorView = z.object({
  id: z.string(),
  title: z.string(),
  explanation: z.string(),
  weight: z.number(),
  value: z.number(),
  atLeast: z.number(),
  /** `smuggling_logistics` or `trafficking_exploitation`: which pack the indicator comes from. */
  category: z.enum(["smuggling_logistics", "trafficking_exploitation"]).optional(),
});

/** A key actor: always a suspect or of unknown role, never a victim or a client. */
export const KeyActorView = z.object({ entity: RoledEntityView, reasons: z.array(z.string()) });

export const CommunitySummary = z.object({
  id: z.string(),
  score: z.number(),
  flagged: z.boolean(),
  size: z.number().int(),
  keyActors: z.array(KeyActorView),
  indicators: z.array(IndicatorView),
});
export type CommunitySummary = z.infer<typeof CommunitySummary>;

export const CommunityQuery = z.object({
  flagged: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const CommunityList = z.object({
  summary: z.object({ links: z.number().int(), entities: z.number().int(), communities: z.number().int() }),
  communities: z.array(CommunitySummary),
});

/** A community with every member ranked (suspects and unknowns), and its victims and clients listed apart. */
export const CommunityDetail = CommunitySummary.extend({
  members: z.array(z.object({ entity: RoledEntityView, score: z.number() })),
  victims: z.array(RoledEntityView),
  clients: z.array(RoledEntityView),
});
export type CommunityDetail = z.infer<typeof CommunityDetail>;

// The wall.

const RegistryPersonId = z.uuid({ error: "expected a registry person id (a UUID)" });

/** Flags a case as a victim's protection record; `personId` names the registry person it protects, if known. */
export const ProtectionCreate = z.object({
  caseRef: trimmedText(1, 80),
  reason: trimmedText(3, 500),
  personId: RegistryPersonId.optional(),
});
export type ProtectionCreate = z.infer<typeof ProtectionCreate>;
/** A protection record as the protection side sees it after a write: never shown to investigators. */
export const ProtectionView = z.object({
  caseRef: z.string(),
  flaggedAt: z.string(),
  /** The registry person the record protects (a reference, never who they are); null when none is named. */
  personId: z.string().nullable(),
});
/** Names the registry person a protection record protects, or with `null` stops naming one. */
export const ProtectionPersonUpdate = z.strictObject({
  caseRef: trimmedText(1, 80),
  personId: RegistryPersonId.nullable(),
});
export type ProtectionPersonUpdate = z.infer<typeof ProtectionPersonUpdate>;

/** The record is named either by its case (known from a court order) or by the marker's opaque `protectedRef`. */
export const LegalBasisCreate = z
  .object({
    caseRef: trimmedText(1, 80).optional(),
    protectedRef: trimmedText(1, 80).optional(),
    purpose: trimmedText(10, 1000),
    authority: trimmedText(3, 300),
  })
  .refine((b) => (b.caseRef === undefined) !== (b.protectedRef === undefined), {
    message: "name the record by caseRef or by protectedRef, exactly one",
    path: ["caseRef"],
  });
export type LegalBasisCreate = z.infer<typeof LegalBasisCreate>;
export const LegalBasisView = z.object({
  id: z.string(),
  /** The protected case: shown to the protection side, and to investigators only once the basis is approved. */
  caseRef: z.string().nullable(),
  /** The same opaque reference the neighbourhood's marker shows. */
  protectedRef: z.string(),
  purpose: z.string(),
  authority: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  status: z.enum(["pending", "approved", "rejected"]),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type LegalBasisView = z.infer<typeof LegalBasisView>;
export const LegalBasisList = z.object({ legalBases: z.array(LegalBasisView) });

/** What an approved legal basis opens: the protected case's links with both ends, and why it was protected. */
export const ProtectedRecordView = z.object({
  basis: LegalBasisView,
  caseRef: z.string(),
  reason: z.string().nullable(),
  nodes: z.array(EntityView),
  edges: z.array(EdgeView),
});
export type ProtectedRecordView = z.infer<typeof ProtectedRecordView>;

export const DecisionInput = z.object({
  decision: z.enum(["approve", "reject"]),
  note: trimmedText(3, 1000),
});

// Across nations.

export const PublishResult = z.object({ published: z.number().int(), withdrawn: z.number().int() });

export const SharedMatch = z.object({
  entity: EntityView,
  hash: z.string(),
  nations: z.array(z.string()),
});
export const MatchList = z.object({ matches: z.array(SharedMatch) });

export const DetailRequestCreate = z.object({
  holder: z.string().regex(/^[A-Z]{3}$/),
  type: trimmedText(1, 40),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  purpose: trimmedText(10, 1000),
});

export const ReleasedDetails = z.object({
  entityType: z.string(),
  cases: z.array(z.string()),
  names: z.number().int(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  linkedTypes: z.record(z.string(), z.number().int()),
  community: z
    .object({
      flagged: z.boolean(),
      score: z.number(),
      size: z.number().int(),
      indicators: z.array(z.string()),
    })
    .nullable(),
});
export type ReleasedDetails = z.infer<typeof ReleasedDetails>;

export const DetailRequestView = z.object({
  id: z.string(),
  holder: z.string(),
  requester: z.string(),
  type: z.string(),
  hash: z.string(),
  purpose: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  status: z.enum(["pending", "approved", "rejected"]),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  details: ReleasedDetails.nullable(),
});
export type DetailRequestView = z.infer<typeof DetailRequestView>;
export const DetailRequestList = z.object({
  outgoing: z.array(DetailRequestView),
  incoming: z.array(DetailRequestView),
});
