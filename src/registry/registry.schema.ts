import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface RegistryPeopleTable {
  tenant_id: string;
  id: Generated<string>;
  external_key: string | null;
  external_id_enc: string | null;
  office_id: string | null;
  given_names_enc: string;
  surnames_enc: string;
  sex_enc: string | null;
  birth_date_enc: string | null;
  details_enc: string;
  terms: ColumnType<string[], string[] | undefined, string[]>;
  /** Keyed terms (one key per nation) of nationality, specific needs and birth year, for worklist filters (0008). */
  filter_terms: ColumnType<string[], string[] | undefined, string[]>;
  clk: Uint8Array | null;
  name_dob_clk: Uint8Array | null;
  shielded_from: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<"active" | "merged" | "erased">;
  merged_into: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RegistryFamilyLinksTable {
  tenant_id: string;
  person_id: string;
  related_id: string;
  relation: string;
  created_at: Generated<Date>;
}

export interface RegistryCasesTable {
  tenant_id: string;
  id: Generated<string>;
  person_id: string;
  case_type: string;
  status: Generated<string>;
  office_id: string | null;
  assigned_to: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface RegistryCaseNotesTable {
  tenant_id: string;
  id: Generated<string>;
  case_id: string;
  body_enc: string;
  written_by: string | null;
  written_at: Generated<Date>;
}

export interface RegistryCaseMovesTable {
  tenant_id: string;
  id: Generated<string>;
  case_id: string;
  kind: "assignment" | "transfer";
  from_office: string | null;
  to_office: string | null;
  from_user: string | null;
  to_user: string | null;
  reason_enc: string;
  moved_by: string;
  moved_at: Generated<Date>;
}

export interface RegistryConsentsTable {
  tenant_id: string;
  id: Generated<string>;
  person_id: string;
  purpose: string;
  given: boolean;
  given_by_enc: string;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

export interface RegistryDuplicateReviewsTable {
  tenant_id: string;
  id: Generated<string>;
  person_a: string;
  person_b: string;
  probability: number;
  band: string;
  reasons: Json;
  why_created_enc: string | null;
  status: Generated<"open" | "merged" | "distinct">;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason_enc: string | null;
  created_at: Generated<Date>;
}

export interface RegistryMergesTable {
  tenant_id: string;
  id: Generated<string>;
  survivor_id: string;
  merged_id: string;
  reason_enc: string;
  merged_by: string;
  merged_at: Generated<Date>;
  split_reason_enc: string | null;
  split_by: string | null;
  split_at: Timestamp | null;
  /** The household the merged record belonged to, its relationship there, whether the survivor took its place. */
  household_id: string | null;
  merged_relationship: "principal" | "spouse" | "child" | "parent" | "sibling" | "other" | null;
  survivor_joined: Generated<boolean>;
}

export interface RegistryReferralsTable {
  tenant_id: string;
  id: string;
  direction: "outgoing" | "incoming";
  partner_tenant: string;
  person_id: string;
  purpose: string;
  reason_enc: string;
  status: Generated<"pending" | "accepted" | "rejected" | "revoked" | "stopped">;
  status_reason_enc: string | null;
  requested_by: string;
  decided_by: string | null;
  requested_at: Generated<Date>;
  decided_at: Timestamp | null;
  shared_enc: string | null;
}

export interface RegistryPersonVersionsTable {
  tenant_id: string;
  id: Generated<string>;
  person_id: string;
  given_names_enc: string;
  surnames_enc: string;
  sex_enc: string | null;
  birth_date_enc: string | null;
  details_enc: string;
  changed: string[];
  reason_enc: string;
  edited_by: string;
  edited_at: Generated<Date>;
}

/** The record of an erasure: whom (a tombstone id), why (encrypted staff text), by whom and how much it cleared. */
export interface RegistryErasuresTable {
  tenant_id: string;
  id: Generated<string>;
  person_id: string;
  records: number;
  reason_enc: string;
  erased_by: string;
  erased_at: Generated<Date>;
}

/** A household (registration group): ids only; who is in it and how is in the members table. */
export interface RegistryHouseholdsTable {
  tenant_id: string;
  id: Generated<string>;
  office_id: string | null;
  split_from: string | null;
  split_reason_enc: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

/** A person's membership of a household (at most one per person) and their relationship to the principal. */
export interface RegistryHouseholdMembersTable {
  tenant_id: string;
  person_id: string;
  household_id: string;
  relationship: "principal" | "spouse" | "child" | "parent" | "sibling" | "other";
  added_by: string;
  added_at: Generated<Date>;
}

declare module "../platform/db/schema.ts" {
  interface Schema {
    registry_people: RegistryPeopleTable;
    registry_family_links: RegistryFamilyLinksTable;
    registry_cases: RegistryCasesTable;
    registry_case_notes: RegistryCaseNotesTable;
    registry_case_moves: RegistryCaseMovesTable;
    registry_consents: RegistryConsentsTable;
    registry_duplicate_reviews: RegistryDuplicateReviewsTable;
    registry_merges: RegistryMergesTable;
    registry_referrals: RegistryReferralsTable;
    registry_person_versions: RegistryPersonVersionsTable;
    registry_erasures: RegistryErasuresTable;
    registry_households: RegistryHouseholdsTable;
    registry_household_members: RegistryHouseholdMembersTable;
  }
}
