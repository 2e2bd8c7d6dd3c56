import { useTranslation } from "react-i18next";
import { PortalCatalog, type PortalQuestion } from "../../../../src/pathways/portal.contract.ts";
import { dateFormat, numberFormat } from "../../../../src/shared/locale-format.ts";
import { useApi } from "./use-api.ts";

// What an applicant answered, as staff read it: each question as the portal asked it, in the reader's
// language, and each answer by its label (a country's name, "Yes"), never the stored JSON.

/** The published questions and pathways as applicants see them, in the reader's language. */
export function useQuestionnaire() {
  const { i18n } = useTranslation();
  return useApi(`/pathways/questionnaire?lang=${i18n.language}`, PortalCatalog).data;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The applicant's answers as a definition list. */
export function ApplicationAnswers(props: {
  fullName: string | null;
  contact: string | null;
  answers: Record<string, unknown>;
}) {
  const { t, i18n } = useTranslation();
  const catalog = useQuestionnaire();
  const questions = new Map((catalog?.questions ?? []).map((q) => [q.id, q]));
  const day = dateFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" });
  const shown = (question: PortalQuestion | undefined, value: unknown): string => {
    if (value === true) return t("pages.pathways.answer.yes");
    if (value === false) return t("pages.pathways.answer.no");
    if (value === null || value === undefined || value === "") return t("pages.pathways.answer.none");
    if (Array.isArray(value))
      return value.length === 0
        ? t("pages.pathways.answer.none")
        : value.map((v) => shown(question, v)).join(", ");
    if (typeof value === "string") {
      const option = question?.options?.find((o) => o.value === value);
      if (option) return option.label;
      if (ISO_DATE.test(value)) return day.format(new Date(`${value}T00:00:00Z`));
      return value;
    }
    if (typeof value === "number") return numberFormat(i18n.language).format(value);
    return t("pages.pathways.answer.other");
  };
  return (
    <dl className="answers" data-testid="application-answers">
      <dt>{t("pages.pathways.answer.fullName")}</dt>
      <dd>{props.fullName || t("pages.pathways.answer.none")}</dd>
      <dt>{t("pages.pathways.answer.contact")}</dt>
      <dd>{props.contact || t("pages.pathways.answer.none")}</dd>
      {Object.entries(props.answers).map(([id, value]) => {
        const question = questions.get(id);
        return (
          <div key={id}>
            <dt>{question?.text ?? t("pages.pathways.answer.unknownQuestion")}</dt>
            <dd>{shown(question, value)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
