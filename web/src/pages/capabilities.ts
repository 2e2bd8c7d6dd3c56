/** The capabilities in the navigation, in the order staff meet them. */
export const CAPABILITIES = [
  "flows",
  "registry",
  "identity",
  "pathways",
  "placement",
  "border",
  "networks",
  "audit",
  "agreements",
  "users",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * The one table of who may open each section: a user holding ANY of the listed permissions finds something
 * to work with there without a refusal; the section hides its own parts the user cannot use. Names are the
 * server's permissions (`ROLE_TABLE` in src/platform/auth/permissions.ts; test/web-navigation.test.ts keeps
 * the two in step). A user holding none of them neither sees the section in the navigation nor opens it.
 */
export const CAPABILITY_ACCESS: Record<Capability, readonly string[]> = {
  flows: ["flows.read"],
  registry: ["person.read", "person.merge", "case.refer", "referral.decide"],
  identity: ["identity.run", "person.merge"],
  pathways: ["pathway.read"],
  placement: ["placement.read"],
  border: ["border.read", "border.approve", "verification.answer"],
  networks: ["network.read", "protection.decide"],
  audit: ["audit.read"],
  agreements: ["agreement.read"],
  users: ["user.manage"],
};

/** Whether a user with these permissions may open the capability's section. */
export function canOpen(capability: Capability, permissions: readonly string[]): boolean {
  return CAPABILITY_ACCESS[capability].some((p) => permissions.includes(p));
}

/** The sections a user with these permissions sees in the navigation, in navigation order. */
export function capabilitiesFor(permissions: readonly string[]): Capability[] {
  return CAPABILITIES.filter((capability) => canOpen(capability, permissions));
}

/** The tabs of a section a user may open: each tab names the permission it needs (null: anyone in the section). */
export function tabsFor<T extends { permission: string | null }>(
  tabs: readonly T[],
  permissions: readonly string[],
): T[] {
  return tabs.filter((tab) => tab.permission === null || permissions.includes(tab.permission));
}
