import type { ColumnType, Generated } from "kysely";

// The placement tables as Kysely sees them (see migrations/0001-placement.sql).

type Json = ColumnType<unknown, string, string>;

export interface PlacementRunsTable {
  tenant_id: string;
  id: Generated<string>;
  label: string;
  source: "csv" | "demo" | "applications";
  pledge_year: number;
  options: Json;
  places: Json;
  fairness: ColumnType<unknown, string | null | undefined, string | null>;
  application_source: ColumnType<unknown, string | null | undefined, string | null>;
  input_digest: string;
  method: string;
  optimal: boolean;
  objective: number;
  bound: number;
  gap: number;
  seconds: number;
  case_count: number;
  place_count: number;
  assigned: number;
  unassigned: number;
  override_count: Generated<number>;
  created_by: string;
  created_by_user: string | null;
  created_at: Generated<Date>;
}

export interface PlacementAssignmentsTable {
  tenant_id: string;
  run_id: string;
  case_id: string;
  position: number;
  size: number;
  family: Json;
  scores: Json;
  place_id: string | null;
  score: number | null;
  recommended_place_id: string | null;
  recommended_score: number | null;
  recommended_weight: number | null;
  rank: number | null;
  allowed: number;
  next_best_place_id: string | null;
  next_best_weight: number | null;
  difference: number | null;
  better_but_full: Json;
  reason: "best-place" | "better-places-full" | "no-allowed-place" | "no-room";
  wish_kind: Generated<"tie" | "preference" | "none">;
  wish_status: Generated<"honoured" | "full" | "not-allowed" | "not-chosen" | "none">;
  overridden: Generated<boolean>;
}

export interface PlacementOverridesTable {
  tenant_id: string;
  id: Generated<string>;
  run_id: string;
  case_id: string;
  previous_place_id: string | null;
  place_id: string | null;
  reason: string;
  actor_label: string;
  actor_user: string | null;
  created_at: Generated<Date>;
}

declare module "../platform/db/schema.ts" {
  interface Schema {
    placement_runs: PlacementRunsTable;
    placement_assignments: PlacementAssignmentsTable;
    placement_overrides: PlacementOverridesTable;
  }
}
