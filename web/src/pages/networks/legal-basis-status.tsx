import { useTranslation } from "react-i18next";
import type { LegalBasisView } from "../../../../src/networks/networks.contract.ts";
import { authorityLabel } from "./legal-basis-format.ts";

/** Where one request stands: pending, approved or refused, on which basis, and the decider's reason. */
export function LegalBasisStatus({ basis }: { basis: LegalBasisView }) {
  const { t } = useTranslation();
  return (
    <p role="status">
      {t(`pages.networks.wall.status.${basis.status}`, {
        authority: authorityLabel(t, basis.authority),
        by: basis.decidedBy ?? "",
      })}
      {basis.decisionNote && ` ${t("pages.networks.wall.status.note", { note: basis.decisionNote })}`}
    </p>
  );
}
