import { type ComponentType, lazy } from "react";
import { CAPABILITIES, type Capability } from "./capabilities.ts";

// Each page is its own chunk, so a heavy page (charts, maps) costs nothing until someone opens it.
const pages: Record<Capability, ComponentType> = {
  flows: lazy(() => import("./flows/flows-page.tsx").then((m) => ({ default: m.FlowsPage }))),
  registry: lazy(() => import("./registry/registry-page.tsx").then((m) => ({ default: m.RegistryPage }))),
  identity: lazy(() => import("./identity/identity-page.tsx").then((m) => ({ default: m.IdentityPage }))),
  pathways: lazy(() => import("./pathways/pathways-page.tsx").then((m) => ({ default: m.PathwaysPage }))),
  placement: lazy(() => import("./placement/placement-page.tsx").then((m) => ({ default: m.PlacementPage }))),
  border: lazy(() => import("./border/border-page.tsx").then((m) => ({ default: m.BorderPage }))),
  networks: lazy(() => import("./networks/networks-page.tsx").then((m) => ({ default: m.NetworksPage }))),
  audit: lazy(() => import("./audit/audit-page.tsx").then((m) => ({ default: m.AuditPage }))),
  agreements: lazy(() =>
    import("./agreements/agreements-page.tsx").then((m) => ({ default: m.AgreementsPage })),
  ),
  users: lazy(() => import("./users/users-page.tsx").then((m) => ({ default: m.UsersPage }))),
};

/** The path of a capability's page. */
export function capabilityPath(capability: Capability): string {
  return `/${capability}`;
}

/** The capability whose page shows at `path` (its first segment), if any. */
export function capabilityAt(path: string): Capability | undefined {
  const first = path.split("/")[1] ?? "";
  return CAPABILITIES.find((capability) => capability === first);
}

/** The page component of a capability. */
export function capabilityPage(capability: Capability): ComponentType {
  return pages[capability];
}
