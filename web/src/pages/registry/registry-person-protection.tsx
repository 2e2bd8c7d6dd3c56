import { useTranslation } from "react-i18next";
import { ProtectionNotice } from "../../../../src/registry/protection-notice.contract.ts";
import { useLoad } from "./use-registry.ts";

/**
 * For the protection side (`protection.read`): a notice that a victim's protection record names this person.
 * Only that one exists, never what it holds; nothing is shown when none does.
 */
export function RegistryPersonProtection({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data, error } = useLoad(`/registry/people/${id}/protection-record`, ProtectionNotice);
  if (error) return <div role="alert">{error}</div>;
  if (!data?.protectionRecord) return null;
  return (
    <section aria-labelledby="registry-person-protection" className="notice">
      <h3 id="registry-person-protection">{t("pages.registry.protectionNotice.title")}</h3>
      <p>{t("pages.registry.protectionNotice.exists")}</p>
    </section>
  );
}
