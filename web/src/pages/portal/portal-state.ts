import { PORTAL_LANGUAGES, type PortalLang } from "./portal-text.ts";

// What the portal keeps so that Back, a reload or a shared link do not lose the applicant's place. The language
// travels in the address (`?lang=ht`): a link shared with a relative opens in that language. The answers and
// whether they were screened stay in this tab's sessionStorage, which the browser forgets when the tab closes;
// nothing personal ever goes into the address, and the name and contact given when applying are never kept.
// "Clear my answers" forgets them at once (a shared computer).

const KEY = "hemisphere.portal";

/** The answers and the step, as kept between page loads of one tab. */
export interface KeptState {
  answers: Record<string, unknown>;
  screened: boolean;
}

const isLang = (value: unknown): value is PortalLang => PORTAL_LANGUAGES.some((l) => l.code === value);

/** The language the address asks for, if it is one the portal speaks. */
export function languageFromAddress(): PortalLang | null {
  const asked = new URLSearchParams(window.location.search).get("lang");
  return isLang(asked) ? asked : null;
}

/** Puts the chosen language in the address without adding a history entry. */
export function languageToAddress(lang: PortalLang): void {
  const url = new URL(window.location.href);
  url.searchParams.set("lang", lang);
  window.history.replaceState(window.history.state, "", url);
}

/** The kept answers and step; nothing when none were kept or what was kept is not readable. */
export function keptState(): KeptState | null {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(KEY) ?? "null");
    if (typeof parsed !== "object" || parsed === null) return null;
    const { answers, screened } = parsed as Partial<KeptState>;
    if (typeof answers !== "object" || answers === null || Array.isArray(answers)) return null;
    return { answers, screened: screened === true };
  } catch {
    return null;
  }
}

/** Keeps the answers and the step for this tab. */
export function keepState(state: KeptState): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    // Storage refused (private mode, full): the portal works, it only forgets on reload.
  }
}

/** Forgets the kept answers. */
export function forgetState(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // nothing was kept
  }
}

/**
 * The answers to the questions shown: an answer to a question hidden because it can no longer change an
 * outcome is not sent. With no list (the server could not say), every answer is.
 */
export function answersShown(
  answers: Readonly<Record<string, unknown>>,
  shown: readonly string[] | null,
): Record<string, unknown> {
  if (!shown) return { ...answers };
  return Object.fromEntries(shown.filter((id) => answers[id] !== undefined).map((id) => [id, answers[id]]));
}
