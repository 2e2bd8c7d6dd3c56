import type { TFunction } from "i18next";

/** Kinds of legal basis an investigator can cite; stored as a stable code before the reference. */
export const BASIS_TYPES = ["court_order", "warrant", "prosecutor_request", "statutory_power"] as const;
export type BasisType = (typeof BASIS_TYPES)[number];

/** The `authority` sent to the server: the kind's code, then the reference as written (a court order number…). */
export function composeAuthority(type: BasisType, reference: string): string {
  return `${type}: ${reference.trim()}`;
}

/** The authority in the reader's language: a known code becomes its label, anything else is shown as stored. */
export function authorityLabel(t: TFunction, authority: string): string {
  const at = authority.indexOf(": ");
  const code = at < 0 ? "" : authority.slice(0, at);
  if (!(BASIS_TYPES as readonly string[]).includes(code)) return authority;
  return `${t(`pages.networks.wall.types.${code as BasisType}`)} ${authority.slice(at + 2)}`;
}
