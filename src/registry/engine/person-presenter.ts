import type { HouseholdRelationship } from "../households.contract.ts";
import { shieldedFrom } from "../protection.contract.ts";
import type { PersonInput, PersonView } from "../registry.contract.ts";
import type { PersonRow } from "../registry.store.ts";
import type { ExportedPerson, ExportedValues } from "../subject-export.contract.ts";
import { specificNeedsOf } from "./person-needs.ts";

/** What else is shown with a person: household, family, consent history and cases in reach. */
export interface PersonExtras {
  household: { household_id: string; relationship: HouseholdRelationship } | undefined;
  family: { related_id: string; relation: string }[];
  consents: { purpose: string; given: boolean; given_by: string; recorded_at: Date }[];
  cases: { id: string; case_type: string; status: string }[];
}

/** Keeps the last four characters of a document number, for readers who only need to recognise it. */
export function maskDocument(number: string): string {
  return number.length <= 4 ? "••••" : `${"•".repeat(Math.min(number.length - 4, 8))}${number.slice(-4)}`;
}

/**
 * Every field of a person that leaves the server, redacted by permission: protection details (vulnerabilities,
 * protection status)
 * need `protection.read`; full document numbers need `person.write`.
 */
export function presentPerson(
  scope: { permissions: ReadonlySet<string> },
  row: PersonRow,
  record: PersonInput,
  externalId: string | null,
  extras: PersonExtras,
): PersonView {
  const fullDocuments = scope.permissions.has("person.write");
  return {
    id: row.id,
    externalId,
    officeId: row.office_id,
    status: row.status,
    mergedInto: row.merged_into,
    givenNames: record.givenNames,
    surnames: record.surnames,
    aliases: record.aliases,
    sex: record.sex,
    birthDate: record.birthDate,
    birthDateAsWritten: record.birthDateAsWritten ?? "",
    birthPlace: record.birthPlace,
    nationalities: record.nationalities,
    documents: record.documents.map((d) => (fullDocuments ? d : { ...d, number: maskDocument(d.number) })),
    phones: record.phones,
    email: record.email,
    addresses: record.addresses,
    priorResidences: record.priorResidences,
    languages: record.languages,
    vulnerabilities: scope.permissions.has("protection.read")
      ? specificNeedsOf(record.vulnerabilities)
      : null,
    protection: scope.permissions.has("protection.read")
      ? { status: record.protection.status, from: shieldedFrom(record) }
      : null,
    household: extras.household
      ? { id: extras.household.household_id, relationship: extras.household.relationship }
      : null,
    family: extras.family.map((f) => ({ relatedId: f.related_id, relation: f.relation })),
    consents: extras.consents.map((c) => ({
      purpose: c.purpose,
      given: c.given,
      givenBy: c.given_by,
      at: new Date(c.recorded_at).toISOString(),
    })),
    cases: extras.cases.map((c) => ({ id: c.id, type: c.case_type, status: c.status })),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Every value of a person, unredacted: what a data subject's export holds (protection and documents in full). */
export function presentWholeValues(record: PersonInput): ExportedValues {
  return {
    givenNames: record.givenNames,
    surnames: record.surnames,
    aliases: record.aliases,
    sex: record.sex,
    birthDate: record.birthDate,
    birthDateAsWritten: record.birthDateAsWritten ?? "",
    birthPlace: record.birthPlace,
    nationalities: record.nationalities,
    documents: record.documents,
    phones: record.phones,
    email: record.email,
    addresses: record.addresses,
    priorResidences: record.priorResidences,
    languages: record.languages,
    vulnerabilities: specificNeedsOf(record.vulnerabilities),
    protection: { status: record.protection.status, from: shieldedFrom(record) },
  };
}

/** A stored person in full, for a data subject's export. */
export function presentWholePerson(
  row: Pick<PersonRow, "id" | "office_id" | "status" | "merged_into" | "created_at">,
  record: PersonInput,
  externalId: string | null,
): ExportedPerson {
  return {
    id: row.id,
    externalId,
    officeId: row.office_id,
    status: row.status,
    mergedInto: row.merged_into,
    ...presentWholeValues(record),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
