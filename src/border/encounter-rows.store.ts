import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import { referenceOf } from "../shared/reference-code.ts";
import type { EncounterInput } from "./border.contract.ts";
import type { BorderEncountersTable } from "./border.schema.ts";
import type { EncounterRow } from "./border.store.ts";
import type { EncounterDocument, EncounterRecord, EncounterView } from "./border-records.contract.ts";
import { assessDisposition } from "./engine/assess-disposition.ts";
import type { PolicyPack } from "./engine/policy-pack.ts";

// Between an encounter as people write it and as it is stored: personal fields encrypted on the way in,
// decrypted on the way out (only for a single, audited read).

/** Encryption contexts of the encounter's personal fields; also registered for key rotation. */
export const ENCOUNTER_CONTEXTS = {
  given_names_enc: "border.encounter.given_names",
  family_names_enc: "border.encounter.family_names",
  birth_date_enc: "border.encounter.birth_date",
  documents_enc: "border.encounter.documents",
} as const;

type StoredEncounter = Omit<
  BorderEncountersTable,
  "id" | "created_at" | "prior_residences" | "trafficking_indicators" | "family_group_id"
> & {
  id: string;
  family_group_id?: string | null;
  created_at: Date;
  prior_residences: unknown;
  trafficking_indicators: unknown;
};

function seal(keyring: Keyring, value: string | undefined, context: string): string | null {
  return value === undefined ? null : encryptField(keyring, value, context);
}

function open(keyring: Keyring, value: string | null, context: string): string | null {
  return value === null ? null : decryptField(keyring, value, context);
}

/**
 * The authority in force for an encounter, remembered per (date, citizenship, demographic, border, entry):
 * the only facts it depends on, which repeat heavily in bulk imports.
 */
export function authorityResolver(pack: PolicyPack | null) {
  const cache = new Map<string, string>();
  return (record: EncounterRecord): string | null => {
    if (pack === null) return null;
    const key = `${record.date}|${record.citizenship}|${record.demographic}|${record.border ?? ""}|${record.entry}`;
    let authority = cache.get(key);
    if (authority === undefined) {
      const input = { ...assessmentInput(record), fearClaim: false, medicalEmergency: false };
      authority = assessDisposition(input, pack).authority;
      if (cache.size > 100_000) cache.clear();
      cache.set(key, authority);
    }
    return authority;
  };
}

/**
 * The row to store for a recorded encounter. One linked to a registry person keeps the reference only: its
 * names, birth date and documents are the registry's, and any sent with it are not kept.
 */
export function toEncounterRow(
  keyring: Keyring,
  record: EncounterRecord,
  extra: { tenantId: string; authority: string | null; importId: string | null; createdBy: string },
): EncounterRow {
  const linked = Boolean(record.personId);
  const documents = !linked && record.documents.length > 0 ? JSON.stringify(record.documents) : undefined;
  const own = (value: string | undefined) => (linked ? undefined : value);
  return {
    occurred: record.date,
    encountered_on: record.date.slice(0, 10),
    place_nation: record.placeNation ?? extra.tenantId,
    border: record.border ?? null,
    port: record.port ?? null,
    sector: record.sector ?? null,
    person_id: record.personId ?? null,
    demographic: record.demographic,
    citizenship: record.citizenship,
    prior_residences: JSON.stringify(record.priorResidences),
    fear_claim: record.fearClaim,
    medical_emergency: record.medicalEmergency,
    trafficking_indicators: JSON.stringify(record.traffickingIndicators),
    entry: record.entry,
    appointment: record.appointment,
    denied_protection_in_transit: record.deniedProtectionInTransit,
    imminent_threat: record.imminentThreat,
    prior_removal_order: record.priorRemovalOrder,
    given_names_enc: seal(keyring, own(record.givenNames), ENCOUNTER_CONTEXTS.given_names_enc),
    family_names_enc: seal(keyring, own(record.familyNames), ENCOUNTER_CONTEXTS.family_names_enc),
    birth_date_enc: seal(keyring, own(record.birthDate), ENCOUNTER_CONTEXTS.birth_date_enc),
    documents_enc: seal(keyring, documents, ENCOUNTER_CONTEXTS.documents_enc),
    authority: extra.authority,
    import_id: extra.importId,
    created_by: extra.createdBy,
  };
}

function jsonValue<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}

/** The facts the assessment needs, from a record or a stored row; never a personal field. */
export function assessmentInput(record: EncounterRecord): EncounterInput {
  return {
    date: record.date,
    citizenship: record.citizenship,
    demographic: record.demographic,
    ...(record.border === undefined ? {} : { border: record.border }),
    fearClaim: record.fearClaim,
    medicalEmergency: record.medicalEmergency,
    traffickingIndicators: record.traffickingIndicators,
    priorResidences: record.priorResidences,
    entry: record.entry,
    appointment: record.appointment,
    deniedProtectionInTransit: record.deniedProtectionInTransit,
    imminentThreat: record.imminentThreat,
    priorRemovalOrder: record.priorRemovalOrder,
  };
}

/** The assessment input of a stored encounter. */
export function storedAssessmentInput(row: StoredEncounter): EncounterInput {
  return {
    date: row.occurred,
    citizenship: row.citizenship,
    demographic: row.demographic as EncounterInput["demographic"],
    ...(row.border === null ? {} : { border: row.border }),
    fearClaim: row.fear_claim,
    medicalEmergency: row.medical_emergency,
    traffickingIndicators: jsonValue<string[]>(row.trafficking_indicators),
    priorResidences: jsonValue<EncounterInput["priorResidences"]>(row.prior_residences),
    entry: row.entry as EncounterInput["entry"],
    appointment: row.appointment,
    deniedProtectionInTransit: row.denied_protection_in_transit,
    imminentThreat: row.imminent_threat,
    priorRemovalOrder: row.prior_removal_order,
  };
}

/**
 * The full view of a stored encounter with its own personal fields decrypted. A linked encounter has none: the
 * person is only referenced here, and the routes add what the registry shows the reader.
 */
export function toEncounterView(keyring: Keyring, row: StoredEncounter): EncounterView {
  const documents = open(keyring, row.documents_enc, ENCOUNTER_CONTEXTS.documents_enc);
  return {
    id: row.id,
    reference: referenceOf("encounter", row.id),
    date: row.occurred,
    placeNation: row.place_nation,
    border: row.border,
    port: row.port,
    sector: row.sector,
    personId: row.person_id,
    citizenship: row.citizenship,
    demographic: row.demographic as EncounterView["demographic"],
    authority: row.authority,
    priorResidences: jsonValue(row.prior_residences),
    fearClaim: row.fear_claim,
    medicalEmergency: row.medical_emergency,
    traffickingIndicators: jsonValue(row.trafficking_indicators),
    entry: row.entry as EncounterView["entry"],
    appointment: row.appointment,
    deniedProtectionInTransit: row.denied_protection_in_transit,
    imminentThreat: row.imminent_threat,
    priorRemovalOrder: row.prior_removal_order,
    givenNames: open(keyring, row.given_names_enc, ENCOUNTER_CONTEXTS.given_names_enc),
    familyNames: open(keyring, row.family_names_enc, ENCOUNTER_CONTEXTS.family_names_enc),
    birthDate: open(keyring, row.birth_date_enc, ENCOUNTER_CONTEXTS.birth_date_enc),
    documents: documents === null ? [] : (JSON.parse(documents) as EncounterDocument[]),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    familyGroupId: row.family_group_id ?? null,
    person:
      row.person_id === null ? null : { id: row.person_id, visible: false, name: null, birthDate: null },
  };
}
