import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import es from "./es.json";

// Spanish must carry every key English has: the compiler checks it here.
const spanish: typeof en = es;

/** Languages the interface is written in, each named in its own language for the switch. */
export const LANGUAGES = [
  { code: "es", name: "Español" },
  { code: "en", name: "English" },
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
    resources: { en: { translation: en }, es: { translation: spanish } },
    lng: initialLanguage(),
    fallbackLng: FALLBACK,
    supportedLngs: LANGUAGES.map((language) => language.code),
    interpolation: { escapeValue: false }, // React escapes what it renders
    returnNull: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = i18next.language;
}
