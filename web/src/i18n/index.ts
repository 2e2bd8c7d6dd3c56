import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import es from "./es.json";
import fr from "./fr.json";
import ht from "./ht.json";
import pt from "./pt.json";

// Every language must carry every key English has: the compiler checks it here (and test/staff-languages.test.ts
// checks that each keeps English's placeholders).
const translations: Record<LanguageCode, typeof en> = { es, en, pt, fr, ht };

/**
 * Languages the interface is written in, each named in its own language for the switch: those of the partner
 * nations' officers (Spanish, English, Portuguese for Brazil, French for Canada and Haiti, Haitian Creole).
 */
export const LANGUAGES = [
  { code: "es", name: "Español" },
  { code: "en", name: "English" },
  { code: "pt", name: "Português" },
  { code: "fr", name: "Français" },
  { code: "ht", name: "Kreyòl ayisyen" },
] as const;
export type LanguageCode = (typeof LANGUAGES)[number]["code"];

const STORAGE_KEY = "hemisphere.language";
const FALLBACK: LanguageCode = "en";

function isSupported(code: string | null | undefined): code is LanguageCode {
  return LANGUAGES.some((language) => language.code === code);
}

// The stored choice wins; otherwise the browser's first language we speak; otherwise English.
function initialLanguage(): LanguageCode {
  const stored = readStoredLanguage();
  if (isSupported(stored)) return stored;
  const preferred = navigator.languages.map((tag) => tag.slice(0, 2).toLowerCase()).find(isSupported);
  return preferred ?? FALLBACK;
}

function readStoredLanguage(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage can be disabled by policy; the choice then lasts only for the page
  }
}

/** Switches the interface to `code` and remembers the choice for the next visit. */
export async function chooseLanguage(code: LanguageCode): Promise<void> {
  await i18next.changeLanguage(code);
  try {
    window.localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // see readStoredLanguage
  }
}

/** Starts i18next with the bundled strings and keeps `<html lang>` in step with the language shown. */
export async function startI18n(): Promise<void> {
  i18next.on("languageChanged", (code) => {
    document.documentElement.lang = code;
  });
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(
      Object.entries(translations).map(([code, translation]) => [code, { translation }]),
    ),
    lng: initialLanguage(),
    fallbackLng: FALLBACK,
    supportedLngs: LANGUAGES.map((language) => language.code),
    interpolation: { escapeValue: false }, // React escapes what it renders
    returnNull: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = i18next.language;
}
