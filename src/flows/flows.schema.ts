import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface FlowReleasesTable {
  tenant_id: string;
  id: Generated<string>;
  source: string;
  label: string;
  grain: "month" | "year";
  published: Generated<boolean>;
  imported_at: Timestamp;
  imported_by: string;
  row_count: Generated<number>;
  period_from: string | null;
  period_to: string | null;
  /** Bumped whenever the release gains content (stored derived results key on it). */
  revision: Generated<number>;
}

export interface FlowReleaseFilesTable {
  tenant_id: string;
  release_id: string;
  source: string;
  sha256: string;
  file_name: string;
  record_count: number;
  row_count: number;
  published: Generated<boolean>;
}

export interface FlowReleasePeriodsTable {
  tenant_id: string;
  release_id: string;
  source: string;
  period: string;
  published: Generated<boolean>;
  /** The rollup sets (see flow-rollups.ts) stored for this release and period. */
  rollups: ColumnType<string[], string[] | undefined, string[]>;
}

export interface FlowReleaseDimensionsTable {
  tenant_id: string;
  release_id: string;
  dimension: string;
  value: string;
  row_count: number;
  published: Generated<boolean>;
}

export interface FlowObservationsTable {
  tenant_id: string;
  release_id: string;
  period: string;
  measure: string;
  value: number;
  published: Generated<boolean>;
  component: string | null;
  land_border_region: string | null;
  area_of_responsibility: string | null;
  state: string | null;
  demographic: string | null;
  citizenship: string | null;
  citizenship_iso: string | null;
  title_of_authority: string | null;
  encounter_type: string | null;
  origin: string | null;
  origin_iso: string | null;
  asylum_country: string | null;
  asylum_country_iso: string | null;
  extra: ColumnType<Record<string, string> | null, string | null, string | null>;
}

/** Packed monthly (or yearly) sums per release, measure and dimension set; see migration 0002. */
export interface FlowRollupsTable {
  tenant_id: string;
  release_id: string;
  dims: string;
  measure: string;
  period: string;
  published: Generated<boolean>;
  keys1: (string | null)[] | null;
  keys2: (string | null)[] | null;
  vals: number[];
}

/** A stored derived result (surges, forecast) for one query over one state of the releases it read. */
export interface FlowResultCacheTable {
  tenant_id: string;
  kind: string;
  query_key: string;
  releases_key: string;
  published: Generated<boolean>;
  result: ColumnType<unknown, string, string>;
  computed_at: Timestamp;
}

declare module "../platform/db/schema.ts" {
  interface Schema {
    flow_releases: FlowReleasesTable;
    flow_release_files: FlowReleaseFilesTable;
    flow_release_periods: FlowReleasePeriodsTable;
    flow_release_dimensions: FlowReleaseDimensionsTable;
    flow_observations: FlowObservationsTable;
    flow_rollups: FlowRollupsTable;
    flow_result_cache: FlowResultCacheTable;
  }
}
