import fs from "node:fs";
import path from "node:path";
import type { Scope } from "../platform/auth/scope.ts";
import { decryptField, encryptField } from "../platform/crypto/field-crypto.ts";
import type { Keyring } from "../platform/crypto/keyring.ts";
import type { Db, Tx } from "../platform/db/connect.ts";
import { inScope } from "../platform/db/scoped.ts";
import { OUTBOX_CONTEXT, OUTBOX_ERROR_CONTEXT, OUTBOX_FILE_CONTEXT } from "./engine/field-contexts.ts";
import { enqueueNotification, markNotification, pendingNotifications } from "./workflow.store.ts";

// Notifications leave through an outbox: the change and its message commit together, and a deliverer hands
// pending messages to a transport later. Transports are pluggable; the demo writes them to a file.

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

/**
 * Appends each notification as one JSON line to a file (the demo's stand-in for e-mail or SMS). The message names
 * a person and where to reach them, so the line holds it encrypted: `{ "at", "message": "enc1:…" }`, readable
 * with `readOutboxFile`.
 */
export function fileTransport(file: string, keyring: Keyring): NotificationTransport {
  return {
    name: "file",
    async send(message) {
      await fs.promises.mkdir(path.dirname(file), { recursive: true });
      await fs.promises.appendFile(file, outboxLine(keyring, new Date().toISOString(), message), {
        mode: 0o600,
      });
    },
  };
}

function outboxLine(keyring: Keyring, at: string, message: Notification): string {
  return `${JSON.stringify({ at, message: encryptField(keyring, JSON.stringify(message), OUTBOX_FILE_CONTEXT) })}\n`;
}

/** The notifications a file transport wrote, decrypted, oldest first. */
export function readOutboxFile(file: string, keyring: Keyring): (Notification & { at: string })[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const { at, message } = JSON.parse(line) as { at: string; message: string };
      return { at, ...(JSON.parse(decryptField(keyring, message, OUTBOX_FILE_CONTEXT)) as Notification) };
    });
}

// A line cut short by a crash is kept too, whole, as the text of an otherwise empty message.
function parsedLine(line: string): { at?: string; message?: unknown } & Partial<Notification> {
  try {
    const parsed = JSON.parse(line) as unknown;
    if (typeof parsed === "object" && parsed !== null) return parsed;
  } catch {}
  return { text: line };
}

/**
 * Encrypts the lines an older file transport wrote in clear (`{ "at", "to", "text", … }`); the file is replaced
 * at once (written beside it, then renamed), so a crash leaves the old file or the new one. Returns lines sealed.
 */
export async function sealOutboxFile(file: string, keyring: Keyring): Promise<number> {
  if (!fs.existsSync(file)) return 0;
  let sealed = 0;
  const lines = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const entry = parsedLine(line);
      if (typeof entry.message === "string") return `${line}\n`;
      sealed++;
      const { at = "", to = "", lang = "", subject = "", text = "" } = entry;
      return outboxLine(keyring, at, { to, lang, subject, text });
    });
  if (sealed === 0) return 0;
  const next = `${file}.sealing`;
  await fs.promises.writeFile(next, lines.join(""), { mode: 0o600 });
  await fs.promises.rename(next, file);
  return sealed;
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
            errorEnc: encryptField(
              keyring,
              (error instanceof Error ? error.message : String(error)).slice(0, 500),
              OUTBOX_ERROR_CONTEXT,
            ),
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
