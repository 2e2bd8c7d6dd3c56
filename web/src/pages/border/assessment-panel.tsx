import { useTranslation } from "react-i18next";
import type { FamilyHold } from "../../../../src/border/border.contract.ts";
import type { EncounterAssessment } from "../../../../src/border/border-records.contract.ts";
import { referenceOf } from "../../../../src/shared/reference-code.ts";
import { Link } from "../../router.tsx";

/** One reason of an option: a family member's open safeguard in words with a link to that member, else as given. */
function Reason({ reason, holds }: { reason: string; holds: readonly FamilyHold[] }) {
  const { t } = useTranslation();
  const hold = holds.find((h) => h.reason === reason);
  if (!hold) return <>{reason}</>;
  const reference = referenceOf("encounter", hold.encounterId);
  return (
    <Link to={`/border/encounters/${hold.encounterId}`}>
      {t("pages.border.family.hold", { safeguard: t(`pages.border.safeguard.${hold.code}`), reference })}
    </Link>
  );
}

/** The sources behind a safeguard or a presumption, as a labelled list. */
function Sources({ citations }: { citations: string[] }) {
  const { t } = useTranslation();
  return (
    <details>
      <summary>{t("pages.border.assessment.sources")}</summary>
      <ul>
        {citations.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
    </details>
  );
}

/** The recommendation: authority in force, safeguards first, then every option with reasons and citations. */
export function AssessmentPanel({ data }: { data: EncounterAssessment }) {
  const { t } = useTranslation();
  const { assessment } = data;
  const source = (id: string) => data.sources.find((s) => s.id === id);
  return (
    <section aria-labelledby="assessment-heading">
      <h2 id="assessment-heading">{t("pages.border.assessment.title")}</h2>
      <p>
        {t("pages.border.authority")}: <strong>{assessment.authority}</strong> ·{" "}
        {t("pages.border.assessment.pack", {
          id: data.pack.packId,
          version: data.pack.version,
          status: data.pack.status,
        })}
      </p>
      {assessment.safeguards.length > 0 && (
        <div className="notice" role="status">
          <h3>{t("pages.border.assessment.safeguards")}</h3>
          <ul>
            {assessment.safeguards.map((s) => (
              <li key={s.code}>
                <strong>{t(`pages.border.safeguard.${s.code}`)}</strong>: {s.effect}
                {s.citations.length > 0 && <Sources citations={s.citations} />}
              </li>
            ))}
          </ul>
        </div>
      )}
      {assessment.presumptions.length > 0 && (
        <div className="notice" role="status">
          <h3>{t("pages.border.assessment.presumptions")}</h3>
          <ul>
            {assessment.presumptions.map((p) => (
              <li key={p.code}>
                {p.effect}
                <ul>
                  {p.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
                <Sources citations={p.citations} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {assessment.pendingChecks.length > 0 && (
        <p>
          {t("pages.border.assessment.pending")}: {assessment.pendingChecks.map((c) => c.country).join(", ")}
        </p>
      )}
      <table className="data-table">
        <caption>{t("pages.border.assessment.options")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.border.assessment.option")}</th>
            <th scope="col">{t("pages.border.assessment.eligible")}</th>
            <th scope="col">{t("pages.border.assessment.reasons")}</th>
            <th scope="col">{t("pages.border.assessment.citations")}</th>
          </tr>
        </thead>
        <tbody>
          {assessment.dispositions.map((d) => (
            <tr key={`${d.code}-${d.to ?? ""}`}>
              <th scope="row">
                {t(`pages.border.disposition.${d.code}`)} {d.to ?? ""}
              </th>
              <td>{d.eligible ? t("pages.border.yes") : t("pages.border.no")}</td>
              <td>
                <ul>
                  {d.reasons.map((r) => (
                    <li key={r}>
                      <Reason reason={r} holds={assessment.familyHolds ?? []} />
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <ul>
                  {d.citations.map((c) => (
                    <li key={c}>
                      {source(c) ? `${source(c)?.reference ?? ""} ${source(c)?.title}`.trim() : c}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
