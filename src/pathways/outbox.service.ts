import fs from "node:fs";
import path from "node:path";
import type { Scope } from "../platform/auth/scope.ts";
import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { enqueueNotification, markNotification, pendingNotifications } from "./workflow.store.ts";

// Notifications leave through an outbox: the change and its message commit together, and a deliverer hands
// pending messages to a transport later. Transports are pluggable; the demo writes them to a file.

export const OUTBOX_CONTEXT = "pathways.outbox.message";
const MAX_ATTEMPTS = 5;

/** What a transport sends: where to, in which language, and the text. */
export interface Notification {
  to: string;
  lang: string;
  subject: string;
  text: string;
}

/** Sends one notification; throws when it could not. */
export interface NotificationTransport {
  readonly name: string;
  send(message: Notification): Promise<void>;
}

/** Appends each notification as one JSON line to a file (the demo's stand-in for e-mail or SMS). */
export function fileTransport(file: string): NotificationTransport {
  return {
    name: "file",
    async send(message) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.appendFile(
        file,
        `${JSON.stringify({ at: new Date().toISOString(), ...message })}\n`,
        {
          mode: 0o600,
        },
      );
    },
  };
}

/** Queues a notification in the caller's transaction; nothing is queued without somewhere to send it. */
export async function queueNotification(
  tx: Tx,
  scope: Scope,
  keyring: Keyring,
  input: { applicationId: string; kind: string; message: Notification | null },
): Promise<void> {
  if (!input.message) return;
  const messageEnc = encryptField(keyring, JSON.stringify(input.message), OUTBOX_CONTEXT);
  await enqueueNotification(tx, scope, { applicationId: input.applicationId, kind: input.kind, messageEnc });
}

/** Delivers pending notifications of the given nations through the transport; returns the counts. */
export async function deliverOutbox(
  db: Db,
  keyring: Keyring,
  transport: NotificationTransport,
  scopes: Scope[],
  limit = 100,
): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const scope of scopes) {
    await inScope(db, scope, async (tx) => {
      for (const row of await pendingNotifications(tx, scope, limit)) {
        try {
          const message = JSON.parse(decryptField(keyring, row.message_enc, OUTBOX_CONTEXT)) as Notification;
          await transport.send(message);
          await markNotification(tx, scope, row.id, { sent: true });
          sent++;
        } catch (error) {
          const attempts = row.attempts + 1;
          await markNotification(tx, scope, row.id, {
            sent: false,
            error: error instanceof Error ? error.message : String(error),
            attempts,
            maxAttempts: MAX_ATTEMPTS,
          });
          failed++;
        }
      }
    });
  }
  return { sent, failed };
}
