import { useTranslation } from "react-i18next";
import type { Capability } from "../pages/capabilities.ts";
import { PageHeading } from "./page-heading.tsx";

/** Stands in for a capability not built yet: its name and one paragraph on what it will hold. */
export function PlannedPage({ capability }: { capability: Capability }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t(`pages.${capability}.title`)} />
      <section className="planned" aria-labelledby="planned-notice">
        <p id="planned-notice" className="planned-notice">
          {t("planned.notice")}
        </p>
        <p>{t(`pages.${capability}.planned`)}</p>
      </section>
    </>
  );
}
