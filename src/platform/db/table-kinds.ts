/**
 * What every table the migrations create is, for a distributed deployment (docs/scale.md).
 *
 * - A *tenant table* holds one nation's rows: under Citus it is distributed by `tenant_id`, every tenant
 *   table colocated with `tenants`' distribution, so one nation's rows of every table sit on the same worker.
 *   Its keys start from `tenant_id`, and foreign keys between tenant tables carry it on both sides.
 * - A *reference table* is shared by all nations: Citus copies it whole to every worker, so any nation's
 *   query may join it locally. Each one says why it is shared.
 *
 * A tenant table whose row-level security lets another tenant reach some rows (a policy besides
 * `tenant_isolation`: a grantee or partner reads, a requester opens a request at the holder) names those
 * policies in `crossTenantPolicies`. Such reads are the only queries that reach several workers; they read
 * rows their owner opened to others, never a join of two tenants' rows.
 *
 * `citus-readiness.test.ts` checks this list against the live catalog, both ways.
 */
export type TableKind =
  | { readonly kind: "tenant"; readonly crossTenantPolicies?: readonly string[] }
  | { readonly kind: "reference"; readonly reason: string };

const tenant: TableKind = { kind: "tenant" };
const sharedWith = (...policies: string[]): TableKind => ({ kind: "tenant", crossTenantPolicies: policies });
const reference = (reason: string): TableKind => ({ kind: "reference", reason });

/** The flows tables: a nation's published release is readable by every tenant. */
const publishedFlows = sharedWith("tenant_or_published_reads");

export const TABLE_KINDS: Readonly<Record<string, TableKind>> = {
  // platform
  schema_migrations: reference("which migrations ran: one schema for every node, so one bookkeeping table"),
  tenants: reference("the nations and the secretariat: every tenant table refers to it on every worker"),
  user_logins: reference("the sign-in directory, read by e-mail before the caller's nation is known"),
  sign_in_attempts: reference(
    "sign-in throttling counted before the nation is known; keyed hashes only, no tenant's rows",
  ),
  offices: tenant,
  users: tenant,
  user_roles: tenant,
  sessions: tenant,
  api_tokens: tenant,
  record_grants: sharedWith("grantee_reads"),
  service_account_grants: tenant,
  audit_events: tenant,
  audit_heads: tenant,
  audit_pending: tenant,
  audit_log: tenant,
  audit_batches: tenant,
  data_sharing_agreements: tenant,
  retention_periods: tenant,
  // registry
  registry_people: tenant,
  registry_person_versions: tenant,
  registry_family_links: tenant,
  registry_cases: tenant,
  registry_case_notes: tenant,
  registry_case_moves: tenant,
  registry_consents: tenant,
  registry_duplicate_reviews: tenant,
  registry_merges: tenant,
  registry_referrals: tenant,
  registry_erasures: tenant,
  registry_households: tenant,
  registry_household_members: tenant,
  // flows
  flow_releases: publishedFlows,
  flow_release_files: publishedFlows,
  flow_release_periods: publishedFlows,
  flow_release_dimensions: publishedFlows,
  flow_observations: publishedFlows,
  flow_rollups: publishedFlows,
  flow_result_cache: publishedFlows,
  // pathways
  pathway_entries: sharedWith("public_reads"),
  pathway_versions: sharedWith("public_reads"),
  pathway_pledges: sharedWith("public_reads"),
  pathway_applications: tenant,
  pathway_stage_changes: tenant,
  pathway_appointment_days: tenant,
  pathway_appointments: tenant,
  pathway_outbox: tenant,
  pathway_portal_request_windows: reference(
    "the public portal's per-client request limits, counted before any nation is chosen; keyed hashes only",
  ),
  pathway_portal_spent_challenges: reference(
    "the public portal's spent bot-check challenges, one ledger for every server; keyed hashes only",
  ),
  pathway_referrals: tenant,
  pathway_arrivals: tenant,
  pathway_portal_budgets: tenant,
  pathway_portal_recoveries: tenant,
  // placement
  placement_runs: tenant,
  placement_assignments: tenant,
  placement_overrides: tenant,
  // border
  border_policy_packs: tenant,
  border_imports: tenant,
  border_family_groups: tenant,
  border_encounters: tenant,
  border_encounter_months: tenant,
  border_verification_settings: tenant,
  border_verification_requests: sharedWith("partner_reads"),
  border_verification_answers: sharedWith("requester_reads"),
  border_decisions: tenant,
  border_decision_approvals: tenant,
  border_safeguard_events: tenant,
  // networks
  network_entities: tenant,
  network_links: tenant,
  network_protection_records: tenant,
  network_legal_bases: tenant,
  network_shared_hashes: reference(
    "the keyed hashes each nation publishes for discovery; every nation compares its own entities with them",
  ),
  network_detail_requests: sharedWith("requester_reads", "requester_opens"),
};
