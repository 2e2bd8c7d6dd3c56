import en from "../../i18n/portal/en.json";
import es from "../../i18n/portal/es.json";
import fr from "../../i18n/portal/fr.json";
import ht from "../../i18n/portal/ht.json";
import pt from "../../i18n/portal/pt.json";

// The portal speaks the same five languages as the staff app, with texts of its own; every file has every
// English key.
const texts: Record<PortalLang, typeof en> = { en, es, pt, fr, ht };

export type PortalLang = "es" | "en" | "pt" | "fr" | "ht";
export type PortalText = typeof en;

/** The languages offered, each named in itself. */
export const PORTAL_LANGUAGES: { code: PortalLang; name: string }[] = [
  { code: "es", name: "Español" },
  { code: "en", name: "English" },
  { code: "pt", name: "Português" },
  { code: "fr", name: "Français" },
  { code: "ht", name: "Kreyòl ayisyen" },
];

/** The portal's strings in `lang`. */
export function portalText(lang: PortalLang): PortalText {
  return texts[lang];
}
