import { useTranslation } from "react-i18next";
import type { ApplicationSourceView } from "../../../../src/placement/placement.contract.ts";

/** What a run from approved applications took (households, applications, pathways) and what it left, and why. */
export function ApplicationsTaken({ taken }: { taken: ApplicationSourceView }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="placement-taken-title">
      <h3 id="placement-taken-title">{t("pages.placement.taken.title")}</h3>
      <p>
        {t("pages.placement.taken.summary", {
          households: taken.households,
          applications: taken.applications,
          pathways: taken.pathways.join(", "),
        })}
      </p>
      {taken.skipped.length > 0 && (
        <table>
          <caption>{t("pages.placement.taken.skipped", { count: taken.skipped.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("pages.placement.taken.application")}</th>
              <th scope="col">{t("pages.placement.taken.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {taken.skipped.map((s) => (
              <tr key={s.applicationId}>
                <td>{s.trackingCode}</td>
                <td>{s.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
