import { recordAudit } from "../platform/audit/audit.ts";
import type { Scope } from "../platform/auth/scope.ts";
import { bindActions } from "../platform/bind-actions.ts";
import type { Db } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { personsArrived } from "./arrival.store.ts";
import type { Dashboard } from "./pathways.contract.ts";
import { applicationCounts, pledgesOf, upsertPledge } from "./pathways.store.ts";

type NationStats = Dashboard["nations"][number];

const empty = (nation: string): NationStats => ({
  nation,
  applications: 0,
  byStage: {},
  decisions: { approved: 0, denied: 0, referred: 0 },
  medianDaysToDecision: null,
  capacityUsed: 0,
  capacityPledged: 0,
});

/** Adds one nation's figures into the totals (the median of the totals is the median of nation medians). */
function addInto(total: NationStats, n: NationStats): void {
  total.applications += n.applications;
  for (const [stage, count] of Object.entries(n.byStage))
    total.byStage[stage] = (total.byStage[stage] ?? 0) + count;
  total.decisions.approved += n.decisions.approved;
  total.decisions.denied += n.decisions.denied;
  total.decisions.referred += n.decisions.referred;
  total.capacityUsed += n.capacityUsed;
  total.capacityPledged += n.capacityPledged;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** What the dashboard actions share, built once per service. */
function dashboardDeps(db: Db, nations: () => Promise<string[]>) {
  return { db, nations };
}

type DashboardDeps = ReturnType<typeof dashboardDeps>;

function nationStats(deps: DashboardDeps, scope: Scope, year: number, pledged: number): Promise<NationStats> {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    const { rows, medianDays } = await applicationCounts(tx, scope, year);
    const stats = empty(scope.tenantId);
    for (const r of rows) {
      stats.applications += r.n;
      stats.byStage[r.stage] = (stats.byStage[r.stage] ?? 0) + r.n;
      if (r.decision === "approved" || r.decision === "denied" || r.decision === "referred")
        stats.decisions[r.decision] += r.n;
    }
    stats.medianDaysToDecision = medianDays === null ? null : Math.round(Number(medianDays) * 10) / 10;
    stats.capacityUsed = stats.decisions.approved;
    stats.capacityPledged = pledged;
    return stats;
  });
}

async function pledgeMap(deps: DashboardDeps, year: number) {
  const { db } = deps;
  const rows = await db.transaction().execute((tx) => pledgesOf(tx, year));
  return new Map(rows.map((r) => [r.tenant_id, r]));
}

async function forNations(deps: DashboardDeps, scope: Scope, year: number): Promise<NationStats[]> {
  const { nations } = deps;
  const pledges = await pledgeMap(deps, year);
  const codes = scope.regional ? await nations() : [scope.tenantId];
  const out: NationStats[] = [];
  for (const code of codes) {
    out.push(await nationStats(deps, { ...scope, tenantId: code }, year, pledges.get(code)?.places ?? 0));
  }
  return out;
}

/** Applications, decisions, time to decision and capacity against pledge: own nation, or all for the secretariat. */
export async function pathwaysDashboard(deps: DashboardDeps, scope: Scope, year: number): Promise<Dashboard> {
  const list = await forNations(deps, scope, year);
  const totals = empty(scope.regional ? "REG" : scope.tenantId);
  for (const n of list) addInto(totals, n);
  totals.medianDaysToDecision = median(
    list.flatMap((n) => (n.medianDaysToDecision === null ? [] : [n.medianDaysToDecision])),
  );
  return { year, regional: scope.regional, nations: list, totals };
}

/** Every nation's pledge for the year against what it delivered: persons arrived there in the year. */
export async function listPledges(deps: DashboardDeps, scope: Scope, year: number) {
  const { db } = deps;
  const pledges = await pledgeMap(deps, year);
  const codes = [...new Set([...pledges.keys(), ...(scope.regional ? [] : [scope.tenantId])])].sort();
  const rows = [];
  for (const code of codes) {
    const stats = await nationStats(deps, { ...scope, tenantId: code }, year, pledges.get(code)?.places ?? 0);
    rows.push({
      nation: code,
      year,
      pledged: stats.capacityPledged,
      delivered: await inScope(db, { ...scope, tenantId: code }, (tx) => personsArrived(tx, code, year)),
      applications: stats.applications,
      note: pledges.get(code)?.note ?? "",
    });
  }
  return { year, nations: rows };
}

/** Sets the nation's pledge for a year; audited. */
export function setPledge(deps: DashboardDeps, scope: Scope, year: number, places: number, note: string) {
  const { db } = deps;
  return inScope(db, scope, async (tx) => {
    await upsertPledge(tx, scope, year, places, note);
    await recordAudit(tx, scope, {
      action: "pathway.pledge.set",
      targetType: "pathway_pledge",
      targetId: String(year),
      details: { places },
    });
  });
}

/** Dashboards and pledges: per nation, and across nations for the secretariat (aggregates only). */
export function createDashboardService(db: Db, nations: () => Promise<string[]>) {
  return bindActions(dashboardDeps(db, nations), {
    dashboard: pathwaysDashboard,
    pledges: listPledges,
    setPledge,
  });
}
