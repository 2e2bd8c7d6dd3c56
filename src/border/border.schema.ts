import type { ColumnType, Generated } from "kysely";

// The border tables as Kysely sees them (see migrations/0001-border.sql to 0005-border-person-links.sql).

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface BorderPolicyPacksTable {
  tenant_id: string;
  pack_id: string;
  version: string;
  status: string;
  pack: Json;
  loaded_at: Generated<Date>;
}

export interface BorderImportsTable {
  tenant_id: string;
  id: Generated<string>;
  content_hash: string;
  file_name: string;
  row_count: number;
  imported_at: Generated<Date>;
}

export interface BorderEncountersTable {
  tenant_id: string;
  id: Generated<string>;
  occurred: string;
  encountered_on: string;
  place_nation: string;
  border: string | null;
  port: string | null;
  sector: string | null;
  person_id: string | null;
  demographic: string;
  citizenship: string;
  prior_residences: Json;
  fear_claim: boolean;
  medical_emergency: boolean;
  trafficking_indicators: Json;
  entry: string;
  appointment: boolean;
  denied_protection_in_transit: boolean;
  imminent_threat: boolean;
  prior_removal_order: boolean;
  given_names_enc: string | null;
  family_names_enc: string | null;
  birth_date_enc: string | null;
  documents_enc: string | null;
  authority: string | null;
  import_id: string | null;
  created_by: string;
  created_at: Generated<Date>;
  /** The family group the encounter belongs to (0005); null for one met alone or not yet grouped. */
  family_group_id: Generated<string | null>;
}

/** One family met at the border; its members are the encounters that point at it. */
export interface BorderFamilyGroupsTable {
  tenant_id: string;
  id: Generated<string>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface BorderEncounterMonthsTable {
  tenant_id: string;
  month: string;
  land_border_region: string;
  area_of_responsibility: string;
  demographic: string;
  citizenship: string;
  authority: string;
  encounter_type: string;
  encounter_count: number;
}

export interface BorderVerificationSettingsTable {
  tenant_id: string;
  auto_answer: boolean;
  updated_at: Generated<Date>;
}

export interface BorderVerificationRequestsTable {
  tenant_id: string;
  id: Generated<string>;
  encounter_id: string;
  partner_tenant: string;
  check_code: Generated<string>;
  encoding: string;
  requested_by: string;
  requested_at: Generated<Date>;
  /** The day the question asks about. */
  as_of: string;
}

export interface BorderVerificationAnswersTable {
  tenant_id: string;
  request_tenant: string;
  request_id: string;
  result: "verified" | "not_found";
  permit_type: string | null;
  valid_from: string | null;
  valid_to: string | null;
  mode: "auto" | "review";
  answered_by: string;
  answered_at: Generated<Date>;
}

export interface BorderDecisionsTable {
  tenant_id: string;
  id: Generated<string>;
  encounter_id: string;
  disposition: string;
  to_country: string | null;
  authority: string;
  reason: string;
  needs_approval: boolean;
  supersedes: string | null;
  pack_id: string;
  pack_version: string;
  assessment: Json;
  decided_by: string;
  decided_by_user: string | null;
  decided_at: Generated<Date>;
}

export interface BorderDecisionApprovalsTable {
  tenant_id: string;
  decision_id: string;
  approved: boolean;
  reason: string;
  approved_by: string;
  approved_at: Timestamp;
}

/** A safeguard closed (with evidence) or reopened on an encounter; append-only. */
export interface BorderSafeguardEventsTable {
  tenant_id: string;
  id: Generated<string>;
  encounter_id: string;
  safeguard: string;
  action: "close" | "reopen";
  reason: string;
  evidence_kind: string | null;
  evidence_reference: string | null;
  recorded_by: string;
  recorded_by_user: string | null;
  recorded_at: Generated<Date>;
}

declare module "../platform/db/schema.ts" {
  interface Schema {
    border_policy_packs: BorderPolicyPacksTable;
    border_imports: BorderImportsTable;
    border_encounters: BorderEncountersTable;
    border_family_groups: BorderFamilyGroupsTable;
    border_encounter_months: BorderEncounterMonthsTable;
    border_verification_settings: BorderVerificationSettingsTable;
    border_verification_requests: BorderVerificationRequestsTable;
    border_verification_answers: BorderVerificationAnswersTable;
    border_decisions: BorderDecisionsTable;
    border_decision_approvals: BorderDecisionApprovalsTable;
    border_safeguard_events: BorderSafeguardEventsTable;
  }
}
