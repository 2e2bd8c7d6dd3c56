import path from "node:path";
import type { Scope } from "../platform/auth/scope.ts";
import { listNationIds } from "../platform/auth/tenants.store.ts";
import type { Platform } from "../platform/platform.ts";
import { householdOfPerson } from "../registry/index.ts";
import { createApplicationWorklistService } from "./application-worklist.service.ts";
import { createArrivalService } from "./arrival.service.ts";
import { type BotCheckOptions, createBotCheck } from "./bot-check.codec.ts";
import { createCatalogService } from "./catalog.service.ts";
import { createDashboardService } from "./dashboard.service.ts";
import { sealLegacyText } from "./legacy-text.service.ts";
import {
  deliverOutbox,
  fileTransport,
  type NotificationTransport,
  sealOutboxFile,
} from "./outbox.service.ts";
import { createPortalService } from "./portal.service.ts";
import { createPortalAppointmentsService } from "./portal-appointments.service.ts";
import type { BudgetRate } from "./portal-budget.store.ts";
import { botCheckSecret, challengeLedger, createRequestLimit } from "./portal-limits.service.ts";
import { createReferralService } from "./referral.service.ts";
import { createRegistryLinkService } from "./registry-link.service.ts";
import { createWorkflowService } from "./workflow.service.ts";

/** Portal protections; tests and benchmarks loosen them. */
export interface PortalSettings {
  botCheck: BotCheckOptions;
  /** Requests per minute per client address: screening and status lookups, and applications. */
  readsPerMinute: number;
  appliesPerMinute: number;
  /**
   * Applications one nation's portal takes per minute across every client and server process, and how many at
   * once (the burst); 0 per minute turns the budget off (benchmarks).
   */
  nationAppliesPerMinute: number;
  nationBurst: number;
  /** Pathways one nation may publish on the portal every nation shares. */
  maxPublishedPerNation: number;
}

/**
 * Settings from the environment: `HEMISPHERE_PORTAL_POW_BITS`, `HEMISPHERE_PORTAL_READS_PER_MIN`,
 * `…_APPLIES_PER_MIN`, `…_NATION_APPLIES_PER_MIN`, `…_NATION_BURST`, `…_MAX_PATHWAYS_PER_NATION`.
 */
export function portalSettingsFromEnv(env: NodeJS.ProcessEnv): PortalSettings {
  const num = (value: string | undefined, fallback: number) =>
    value && Number.isFinite(Number(value)) ? Number(value) : fallback;
  return {
    botCheck: { difficulty: num(env.HEMISPHERE_PORTAL_POW_BITS, 14), ttlMs: 10 * 60_000 },
    readsPerMinute: num(env.HEMISPHERE_PORTAL_READS_PER_MIN, 60),
    appliesPerMinute: num(env.HEMISPHERE_PORTAL_APPLIES_PER_MIN, 5),
    nationAppliesPerMinute: num(env.HEMISPHERE_PORTAL_NATION_APPLIES_PER_MIN, 60),
    nationBurst: num(env.HEMISPHERE_PORTAL_NATION_BURST, 20),
    maxPublishedPerNation: num(env.HEMISPHERE_PORTAL_MAX_PATHWAYS_PER_NATION, 100),
  };
}

function nationBudget(settings: PortalSettings): BudgetRate | null {
  if (settings.nationAppliesPerMinute <= 0) return null;
  return { burst: Math.max(1, settings.nationBurst), perSecond: settings.nationAppliesPerMinute / 60 };
}

/**
 * Encrypts personal text stored in clear before it was encrypted: free-text columns the migration marked and
 * the demo outbox file's old lines. Run at every start, before serving; nothing to do costs an index lookup.
 */
export async function sealStoredText(
  database: Platform["database"],
  keyring: Platform["keyring"],
  outboxFile: string,
): Promise<{ values: number; fileLines: number }> {
  return {
    values: await sealLegacyText(database, keyring),
    fileLines: await sealOutboxFile(outboxFile, keyring),
  };
}

/** Hands pending notifications of the scope's nation (every nation for a system run) to the transport. */
export async function deliverNotifications(
  deps: {
    db: Platform["database"]["db"];
    keyring: Platform["keyring"];
    transport: NotificationTransport;
    nations: () => Promise<string[]>;
  },
  scope: Scope,
  everyNation = false,
) {
  const codes = everyNation ? await deps.nations() : [scope.tenantId];
  return deliverOutbox(
    deps.db,
    deps.keyring,
    deps.transport,
    codes.map((tenantId) => ({ ...scope, tenantId })),
  );
}

/** Everything pathways does on the platform: catalogue, portal, workflow, referrals, dashboards, outbox. */
export function createPathwaysService(
  platform: Platform,
  options: { portal?: PortalSettings; transport?: NotificationTransport; clock?: () => Date } = {},
) {
  const { db } = platform.database;
  const { keyring } = platform;
  const clock = options.clock ?? (() => new Date());
  const settings = options.portal ?? portalSettingsFromEnv(process.env);
  const outboxFile = path.join(platform.config.dataDir, "outbox", "notifications.jsonl");
  const transport = options.transport ?? fileTransport(outboxFile, keyring);
  const nations = () => listNationIds(db);
  const catalog = createCatalogService(db, clock, { maxPublishedPerNation: settings.maxPublishedPerNation });
  const workflow = createWorkflowService(db, keyring);
  return {
    catalog,
    workflow,
    worklist: createApplicationWorklistService(db, keyring, clock),
    portal: createPortalService(db, keyring, catalog, clock, nationBudget(settings)),
    portalAppointments: createPortalAppointmentsService(db, keyring, workflow, clock),
    referrals: createReferralService(db, keyring, catalog, workflow),
    arrivals: createArrivalService(db, keyring, clock),
    registryLink: createRegistryLinkService(db, keyring, householdOfPerson, clock),
    dashboards: createDashboardService(db, nations),
    portalSettings: settings,
    botCheck: createBotCheck(
      settings.botCheck,
      botCheckSecret(keyring.indexKey),
      challengeLedger(db, keyring.indexKey),
    ),
    limits: {
      reads: createRequestLimit(db, keyring.indexKey, "read", settings.readsPerMinute, 60_000),
      applies: createRequestLimit(db, keyring.indexKey, "apply", settings.appliesPerMinute, 60_000),
    },
    sealStoredText: () => sealStoredText(platform.database, keyring, outboxFile),
    deliverNotifications: (scope: Scope, everyNation = false) =>
      deliverNotifications({ db, keyring, transport, nations }, scope, everyNation),
  };
}

export type PathwaysService = ReturnType<typeof createPathwaysService>;
