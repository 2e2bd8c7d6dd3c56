import "i18next";
import type en from "./en.json";

// Typed keys: `t("nav.flows")` is checked against the English strings at compile time.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
