import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ApplicationSummary } from "../../../../src/pathways/applications.contract.ts";
import { dateFormat } from "../../../../src/shared/locale-format.ts";
import { WorklistPager } from "../../ui/worklist-controls.tsx";
import { usePathwayTitle } from "./pathway-title.ts";

// One page of applications as the pathway queues show them: the tracking code opens the application, the
// pathway by its title, the stage in words, the day submitted in the reader's language; the pager below.

/** An application's stage in words, with its decision: "decided: approved", never the stored codes. */
export function stageLabel(a: { stage: string; decision: string | null }, t: TFunction): string {
  const stage =
    a.stage === "erased"
      ? t("pages.pathways.erasedStage")
      : t(`pages.pathways.stages.${a.stage}`, { defaultValue: a.stage });
  return a.decision
    ? `${stage}: ${t(`pages.pathways.decisions.${a.decision}`, { defaultValue: a.decision })}`
    : stage;
}

export function ApplicationTable({
  caption,
  page,
  limit,
  onOpen,
  onOffset,
}: {
  caption: string;
  page: { applications: ApplicationSummary[]; total: number; offset: number };
  limit: number;
  onOpen: (id: string) => void;
  onOffset: (offset: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const pathwayTitle = usePathwayTitle();
  const day = dateFormat(i18n.language, { dateStyle: "medium" });
  return (
    <>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("pages.pathways.code")}</th>
            <th scope="col">{t("pages.pathways.pathway")}</th>
            <th scope="col">{t("pages.pathways.stage")}</th>
            <th scope="col">{t("pages.pathways.submitted")}</th>
          </tr>
        </thead>
        <tbody>
          {page.applications.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <button type="button" onClick={() => onOpen(a.id)}>
                  {a.trackingCode}
                </button>
              </th>
              <td>{pathwayTitle(a.pathwayId)}</td>
              <td>{stageLabel(a, t)}</td>
              <td>
                <time dateTime={a.submittedAt}>{day.format(new Date(a.submittedAt))}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <WorklistPager
        shown={page.applications.length}
        total={page.total}
        limit={limit}
        offset={page.offset}
        onOffset={onOffset}
      />
    </>
  );
}
