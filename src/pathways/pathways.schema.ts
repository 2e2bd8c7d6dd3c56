import type { ColumnType, Generated } from "kysely";

// The pathway tables as Kysely sees them (see migrations/).

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string, string>;

export interface PathwayEntriesTable {
  tenant_id: string;
  id: string;
  published: Generated<boolean>;
  current_version: number;
  capacity_places: number | null;
  capacity_period: string | null;
  published_at: NullableTimestamp;
  updated_by: string;
  updated_at: Timestamp;
}

export interface PathwayVersionsTable {
  tenant_id: string;
  pathway_id: string;
  version: number;
  effective_from: string;
  definition: Json;
  created_by: string;
  created_at: Generated<Date>;
}

export interface PathwayPledgesTable {
  tenant_id: string;
  year: number;
  places: number;
  note: Generated<string>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface PathwayApplicationsTable {
  tenant_id: string;
  id: Generated<string>;
  tracking_code: string;
  secret_hash: string;
  pathway_id: string;
  pathway_version: number;
  stage: string;
  decision: string | null;
  language: string;
  screening_result: string;
  /** Null only once the applicant erased the application (stage `erased`). */
  answers_enc: string | null;
  full_name_enc: string | null;
  contact_enc: string | null;
  person_id: string | null;
  referred_from: string | null;
  consent_at: Timestamp;
  submitted_at: Timestamp;
  decided_at: NullableTimestamp;
  erased_at: NullableTimestamp;
  /** When the applicant agreed at the portal's consent step; null when the application did not come through it. */
  portal_consent_at: NullableTimestamp;
  /** When that consent was recorded on the linked registry person; null when it was not. */
  registry_consent_at: NullableTimestamp;
  /** When the application was linked to its registry person (through the registry match). */
  linked_at: NullableTimestamp;
  /** The placement run and case that took the application, and its result (see migration 0007). */
  placement_run_id: string | null;
  placement_case_id: string | null;
  placement_place_id: string | null;
  placement_nation: string | null;
  placement_locality: string | null;
  placement_reason: string | null;
  placed_at: NullableTimestamp;
  /** The day the household arrived where it was placed (yyyy-mm-dd). */
  arrived_on: string | null;
  /** Keyed terms (one key per nation) of nationality, specific needs and birth year answered (0008). */
  filter_terms: string[];
}

export interface PathwayStageChangesTable {
  tenant_id: string;
  id: Generated<string>;
  application_id: string;
  from_stage: string | null;
  to_stage: string;
  decision: string | null;
  reason_enc: string;
  actor_label: string;
  actor_user: string | null;
  changed_at: Timestamp;
}

export interface PathwayAppointmentDaysTable {
  tenant_id: string;
  office_id: string;
  day: string;
  capacity: number;
  booked: Generated<number>;
}

export interface PathwayAppointmentsTable {
  tenant_id: string;
  id: Generated<string>;
  application_id: string;
  office_id: string;
  day: string;
  slot: number;
  booked_by: string;
  booked_at: Generated<Date>;
}

export interface PathwayOutboxTable {
  tenant_id: string;
  id: Generated<string>;
  application_id: string | null;
  kind: string;
  message_enc: string;
  status: Generated<string>;
  attempts: Generated<number>;
  last_error_enc: string | null;
  created_at: Generated<Date>;
  sent_at: NullableTimestamp;
}

export interface PathwayReferralsTable {
  tenant_id: string;
  id: string;
  direction: "outgoing" | "incoming";
  from_tenant: string;
  to_tenant: string;
  application_id: string;
  to_pathway: string;
  status: string;
  consent_text_enc: string;
  consent_at: Timestamp;
  reason_enc: string;
  payload_enc: string | null;
  created_by: string;
  created_at: Generated<Date>;
  decided_by: string | null;
  decided_reason_enc: string | null;
  decided_at: NullableTimestamp;
  received_application_id: string | null;
}

export interface PathwayArrivalsTable {
  tenant_id: string;
  id: string;
  direction: "outgoing" | "incoming";
  from_tenant: string;
  to_tenant: string;
  application_id: string;
  tracking_code: string;
  locality: string;
  persons: number;
  status: "expected" | "arrived";
  consent_text_enc: string | null;
  consent_at: NullableTimestamp;
  payload_enc: string | null;
  created_by: string;
  created_at: Generated<Date>;
  arrived_on: string | null;
  recorded_by: string | null;
  recorded_at: NullableTimestamp;
  household_id: string | null;
}

export interface PathwayPortalBudgetsTable {
  tenant_id: string;
  tokens: number;
  refilled_at: Timestamp;
}

/** One client's requests to one portal limit in one fixed window (the key is a keyed hash). */
export interface PathwayPortalRequestWindowsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

/** A bot-check challenge already spent, kept until it would have expired anyway. */
export interface PathwayPortalSpentChallengesTable {
  challenge_hash: string;
  expires_at: Timestamp;
}

/** A one-time code an applicant asked for to replace a lost secret; only its keyed hash is kept (0010). */
export interface PathwayPortalRecoveriesTable {
  tenant_id: string;
  id: Generated<string>;
  application_id: string;
  code_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  attempts: Generated<number>;
  used_at: NullableTimestamp;
}

declare module "../platform/db/schema.ts" {
  interface Schema {
    pathway_entries: PathwayEntriesTable;
    pathway_versions: PathwayVersionsTable;
    pathway_pledges: PathwayPledgesTable;
    pathway_applications: PathwayApplicationsTable;
    pathway_stage_changes: PathwayStageChangesTable;
    pathway_appointment_days: PathwayAppointmentDaysTable;
    pathway_appointments: PathwayAppointmentsTable;
    pathway_outbox: PathwayOutboxTable;
    pathway_referrals: PathwayReferralsTable;
    pathway_portal_budgets: PathwayPortalBudgetsTable;
    pathway_arrivals: PathwayArrivalsTable;
    pathway_portal_request_windows: PathwayPortalRequestWindowsTable;
    pathway_portal_spent_challenges: PathwayPortalSpentChallengesTable;
    pathway_portal_recoveries: PathwayPortalRecoveriesTable;
  }
}
