import { decryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { SubjectDataSource } from "../registry/index.ts";
import { eraseApplication } from "./application-erasure.service.ts";
import { OUTBOX_CONTEXT, REFERRAL_CONSENT_CONTEXT, REFERRAL_CONTEXT } from "./engine/field-contexts.ts";
import { openText } from "./pathway-text.codec.ts";
import { PathwaysSubjectSection } from "./pathways-subject.contract.ts";
import {
  applicationsOfPeople,
  notificationsOfApplications,
  referralsOfApplications,
  unlinkPeople,
} from "./pathways-subject.store.ts";
import { presentReferral } from "./referral.service.ts";
import { describeApplication } from "./workflow.service.ts";

/**
 * The pathways' part of a data subject's rights. Export: every application linked to the person's registry id
 * (or the id of a record merged into theirs), with its decisions, appointment, referrals and notifications.
 * Erasure: each of those applications is erased as an applicant's own erasure would (`eraseApplication`), and
 * the tombstones no longer name the person.
 */
export function pathwaysSubjectData(keyring: Keyring): SubjectDataSource {
  return {
    name: "pathways",
    schema: PathwaysSubjectSection,
    erase: async (tx, scope, personIds) => {
      const apps = await applicationsOfPeople(tx, scope, personIds, true);
      const at = new Date();
      let applications = 0;
      for (const app of apps) {
        if (app.stage === "erased") continue;
        await eraseApplication(tx, scope, keyring, app, "person", at);
        applications++;
      }
      return { applications, unlinked: await unlinkPeople(tx, scope, personIds) };
    },
    collect: async (tx, scope, personIds) => {
      const apps = await applicationsOfPeople(tx, scope, personIds);
      const ids = apps.map((a) => a.id);
      const referrals = await referralsOfApplications(tx, scope, ids);
      const notifications = await notificationsOfApplications(tx, scope, ids);
      const applications: PathwaysSubjectSection["applications"] = [];
      for (const app of apps) {
        applications.push({
          ...(await describeApplication(tx, scope, keyring, app)),
          referrals: referrals
            .filter((r) => r.application_id === app.id || r.received_application_id === app.id)
            .map((r) => ({
              ...presentReferral(keyring, r),
              consentText: openText(keyring, r.consent_text_enc, REFERRAL_CONSENT_CONTEXT),
              payload:
                r.payload_enc === null
                  ? null
                  : (JSON.parse(decryptField(keyring, r.payload_enc, REFERRAL_CONTEXT)) as unknown),
            })),
          notifications: notifications
            .filter((n) => n.application_id === app.id)
            .map((n) => ({
              id: n.id,
              kind: n.kind,
              status: n.status,
              message: JSON.parse(decryptField(keyring, n.message_enc, OUTBOX_CONTEXT)),
              createdAt: new Date(n.created_at).toISOString(),
              sentAt: n.sent_at === null ? null : new Date(n.sent_at).toISOString(),
            })),
        });
      }
      const total = (pick: (a: (typeof applications)[number]) => unknown[]) =>
        applications.reduce((n, a) => n + pick(a).length, 0);
      return {
        data: { applications },
        counts: {
          applications: applications.length,
          decided: applications.filter((a) => a.decision !== null).length,
          stageChanges: total((a) => a.history),
          appointments: applications.filter((a) => a.appointment !== null).length,
          referrals: total((a) => a.referrals),
          notifications: total((a) => a.notifications),
        },
      };
    },
  };
}
