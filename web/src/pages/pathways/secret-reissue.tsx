import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SecretReissued } from "../../../../src/pathways/applications.contract.ts";
import { DOCUMENT_TYPES, type DocumentTypeCode } from "../../../../src/shared/document-types.ts";
import { apiRequest } from "../../api.ts";
import { useSignedInUser } from "../../session.tsx";

// A new portal secret for an applicant standing at the office who lost theirs and gave no contact to recover
// it by. The officer says on which document they checked the applicant's identity and confirms; the new secret
// is shown once, to be handed over, and the old one stops working.

export function SecretReissueForm({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const { permissions } = useSignedInUser();
  const [open, setOpen] = useState(false);
  const [document, setDocument] = useState<DocumentTypeCode | "">("");
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState("");
  const [issued, setIssued] = useState<SecretReissued | null>(null);
  const result = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (issued) result.current?.focus();
  }, [issued]);
  if (!permissions.includes("application.decide")) return null;
  const issue = async () => {
    setProblem("");
    try {
      const answer = await apiRequest(`/pathways/applications/${applicationId}/secret`, {
        method: "POST",
        body: { identityChecked: checked, identityDocument: document },
        schema: SecretReissued,
      });
      setIssued(answer);
      setOpen(false);
    } catch (e) {
      setProblem(t("pages.pathways.error", { message: (e as Error).message }));
    }
  };
  return (
    <section aria-labelledby="secret-reissue-title">
      <h3 id="secret-reissue-title">{t("pages.pathways.secretReissue.title")}</h3>
      <p>{t("pages.pathways.secretReissue.when")}</p>
      {issued ? (
        <div className="receipt">
          <h4 id="secret-reissued-title" ref={result} tabIndex={-1}>
            {t("pages.pathways.secretReissue.issued")}
          </h4>
          <dl>
            <dt>{t("pages.pathways.secretReissue.code")}</dt>
            <dd>
              <code>{issued.trackingCode}</code>
            </dd>
            <dt>{t("pages.pathways.secretReissue.secret")}</dt>
            <dd>
              <code data-testid="reissued-secret">{issued.secret}</code>
            </dd>
          </dl>
          <p>
            {t("pages.pathways.secretReissue.handOver")}{" "}
            {issued.contactTold ? t("pages.pathways.secretReissue.contactTold") : ""}
          </p>
        </div>
      ) : open ? (
        <fieldset>
          <legend>{t("pages.pathways.secretReissue.confirmTitle")}</legend>
          <label htmlFor="secret-reissue-document">{t("pages.pathways.secretReissue.document")}</label>
          <select
            id="secret-reissue-document"
            value={document}
            onChange={(e) => setDocument(e.target.value as DocumentTypeCode | "")}
          >
            <option value="">{t("pages.pathways.secretReissue.chooseDocument")}</option>
            {DOCUMENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`pages.registry.documentTypes.${type}`)}
              </option>
            ))}
          </select>
          <label>
            <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />{" "}
            {t("pages.pathways.secretReissue.attest")}
          </label>
          <p>{t("pages.pathways.secretReissue.effect")}</p>
          <button type="button" disabled={!checked || document === ""} onClick={issue}>
            {t("pages.pathways.secretReissue.confirm")}
          </button>{" "}
          <button type="button" onClick={() => setOpen(false)}>
            {t("pages.pathways.secretReissue.cancel")}
          </button>
        </fieldset>
      ) : (
        <button type="button" onClick={() => setOpen(true)}>
          {t("pages.pathways.secretReissue.start")}
        </button>
      )}
      {problem && <p role="alert">{problem}</p>}
    </section>
  );
}
