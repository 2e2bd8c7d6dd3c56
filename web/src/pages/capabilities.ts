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
] as const;
export type Capability = (typeof CAPABILITIES)[number];
