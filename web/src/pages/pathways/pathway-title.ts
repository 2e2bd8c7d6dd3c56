import { useTranslation } from "react-i18next";
import { CatalogList, PortalLanguage } from "../../../../src/pathways/pathways.contract.ts";
import { useSignedInUser } from "../../session.tsx";
import { reloadAnswers } from "../../shared-answers.ts";
import { useQuestionnaire } from "./application-answers.tsx";
import { useApi } from "./use-api.ts";

// Pathways are named by their titles in the reader's language, never by their ids: the published ones of every
// nation from the questionnaire, and every pathway of the reader's own nation, withdrawn ones included, from
// its catalogue (an application or a referral outlives its pathway's publication).

/**
 * After a pathway is published, withdrawn or given a new version: every panel's catalogue and questionnaire (in
 * any language) asks again, so the filters, titles and referral choices on screen show the change.
 */
export function reloadPathwayLists(): void {
  reloadAnswers("/pathways/catalog");
  reloadAnswers("/pathways/questionnaire");
}

/** The signed-in nation's pathways, published or not, with their titles in every portal language. */
export function useOwnPathways() {
  return useApi("/pathways/catalog", CatalogList).data?.pathways ?? null;
}

/** A function naming a pathway (`nation` when it may be another nation's); empty while the lists load. */
export function usePathwayTitle(): (id: string, nation?: string) => string {
  const { t, i18n } = useTranslation();
  const published = useQuestionnaire();
  const own = useOwnPathways();
  const { nation: ownNation } = useSignedInUser();
  const lang = PortalLanguage.safeParse(i18n.language).data ?? "en";
  return (id, nation) => {
    const found = published?.pathways.find(
      (p) => p.id === id && (nation === undefined || p.nation === nation),
    );
    if (found) return found.title;
    const mine = nation === undefined || nation === ownNation ? own?.find((p) => p.id === id) : undefined;
    if (mine) return mine.titles[lang];
    if (published === null || own === null) return "";
    return t("pages.pathways.pathwayWithdrawn");
  };
}
