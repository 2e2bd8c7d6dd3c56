import type { AuditVerification } from "../../../../src/platform/audit/audit.contract.ts";
import type { Translate } from "../../error-text.ts";

// Why a link of the audit log does not verify, in the reader's language: the server names the problem by its
// code and the positions or columns it concerns; its English sentence is for API clients and the command line.

/** The sentence for one broken link, marked when the event is not yet sequenced. */
export function problemText(link: AuditVerification["broken"][number], t: Translate): string {
  const params = Object.fromEntries(Object.entries(link.params).map(([k, v]) => [k, String(v)]));
  const sentence = t(`pages.audit.verification.problems.${link.code}`, params);
  return link.pending ? t("pages.audit.verification.problems.pending", { problem: sentence }) : sentence;
}
