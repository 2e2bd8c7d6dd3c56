import {
  borderEncryptedColumns,
  borderMigrations,
  borderRoutes,
  borderSubjectData,
  borderTimeline,
  createBorderService,
  seedBorderDemo,
  seedBorderJourney,
} from "./border/index.ts";
import { createFlowsService, flowsMigrations, flowsRoutes, seedFlowsDemo } from "./flows/index.ts";
import {
  createNetworksService,
  networksEncryptedColumns,
  networksMigrations,
  networksProtectionRecords,
  networksRoutes,
  networksSubjectData,
  networksTimeline,
  seedNetworksDemo,
} from "./networks/index.ts";
import {
  applicationRetentionSweeper,
  createPathwaysService,
  pathwaysEncryptedColumns,
  pathwaysMigrations,
  pathwaysPlacementSource,
  pathwaysRoutes,
  pathwaysSubjectData,
  pathwaysTimeline,
  placementTimeline,
  portalRoutes,
  seedPathwaysDemo,
  seedResettlementJourney,
} from "./pathways/index.ts";
import {
  createPlacementService,
  placementMigrations,
  placementRoutes,
  seedPlacementDemo,
} from "./placement/index.ts";
import { seedDemoAgreements } from "./platform/agreements/demo-agreements.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db/connect.ts";
import { type Migration, platformMigrations } from "./platform/db/migrate.ts";
import { createHttpApp } from "./platform/http/http-app.ts";
import { platformEncryptedColumns, startPlatform } from "./platform/platform.ts";
import { createRetentionService } from "./platform/retention/retention.service.ts";
import { adminRoutes } from "./platform/routes/admin.routes.ts";
import { agreementsRoutes } from "./platform/routes/agreements.routes.ts";
import { auditRoutes } from "./platform/routes/audit.routes.ts";
import { authRoutes } from "./platform/routes/auth.routes.ts";
import { retentionRoutes } from "./platform/routes/retention.routes.ts";
import {
  createRegistryService,
  personRetentionSweeper,
  registryEncryptedColumns,
  registryMigrations,
  registryRoutes,
  seedRegistryDemo,
} from "./registry/index.ts";

/** Every capability's migrations after the platform's, in the order they must run. */
export function allMigrations(): Migration[] {
  return [
    ...platformMigrations(),
    // The registry's first: border 0006 moves its permit holders into registry people.
    ...registryMigrations(),
    ...borderMigrations(),
    ...flowsMigrations(),
    ...pathwaysMigrations(),
    ...networksMigrations(),
    ...placementMigrations(),
  ];
}

/** The composition root: every capability's migrations, services and routes, put together once. */
export async function createApplication(config: Config, options: { database?: Database } = {}) {
  const platform = await startPlatform(config, { migrations: allMigrations(), ...options });
  const border = createBorderService(platform);
  const flows = createFlowsService(platform);
  const pathways = createPathwaysService(platform);
  await pathways.sealStoredText();
  // A person's export for a data subject's request, and their timeline, gather what border, pathways and
  // networks' protection records link to their registry id; the person's page tells the protection side that a
  // protection record names them.
  const registry = createRegistryService(platform, {
    subjectSources: [
      borderSubjectData(platform.keyring),
      pathwaysSubjectData(platform.keyring),
      networksSubjectData(platform.keyring),
    ],
    timelineSources: [
      borderTimeline(),
      pathwaysTimeline(),
      placementTimeline(),
      networksTimeline(platform.keyring),
    ],
    protectionRecords: networksProtectionRecords(),
  });
  const networks = createNetworksService(platform);
  // Placement compares each nation's allocation with its pledge for the year, which pathways keeps, and builds
  // runs from the households of approved resettlement applications, recording each result on them.
  const placement = createPlacementService(platform, {
    pledges: async (scope, year) => {
      const list = await pathways.dashboards.pledges(scope, year);
      return new Map(list.nations.map((n) => [n.nation, n.pledged]));
    },
    applications: pathwaysPlacementSource(platform.keyring),
  });
  // Each capability gives the record kinds it can erase when a nation's retention period has passed.
  const retention = createRetentionService(platform.database, [
    personRetentionSweeper(platform, registry),
    applicationRetentionSweeper(platform.database.db, platform.keyring),
  ]);
  const http = createHttpApp(platform, [
    {
      path: "/auth",
      router: authRoutes(platform.sessions, {
        secureCookies: config.production,
        trustProxy: config.trustProxy,
      }),
    },
    { path: "/", router: adminRoutes(platform.nations, platform.users) },
    { path: "/", router: auditRoutes(platform.database) },
    { path: "/", router: agreementsRoutes(platform.agreements) },
    { path: "/", router: retentionRoutes(retention) },
    { path: "/border", router: borderRoutes(border, registry.people) },
    { path: "/flows", router: flowsRoutes(flows) },
    { path: "/pathways", router: pathwaysRoutes(pathways) },
    { path: "/registry", router: registryRoutes(registry) },
    { path: "/networks", router: networksRoutes(networks) },
    { path: "/placement", router: placementRoutes(placement) },
    { path: "/portal", router: portalRoutes(pathways, { trustProxy: config.trustProxy }) },
  ]);
  /** Loads each capability's demo data; every seeder is idempotent. */
  const seedDemoData = async (): Promise<void> => {
    await seedDemoAgreements(platform);
    await seedBorderDemo(platform, border);
    await seedFlowsDemo(flows);
    await seedPathwaysDemo(platform, pathways);
    await seedRegistryDemo(platform, registry);
    await seedBorderJourney(border, registry);
    await seedNetworksDemo(platform, networks);
    await seedPlacementDemo(platform, placement);
    await seedResettlementJourney(platform, pathways, registry, (scope, request) =>
      placement.createRun(scope, request),
    );
  };
  return {
    platform,
    border,
    flows,
    pathways,
    registry,
    networks,
    placement,
    retention,
    http,
    encryptedColumns: [
      ...platformEncryptedColumns,
      ...borderEncryptedColumns,
      ...pathwaysEncryptedColumns,
      ...registryEncryptedColumns,
      ...networksEncryptedColumns,
    ],
    seedDemoData,
  };
}

export type Application = Awaited<ReturnType<typeof createApplication>>;
