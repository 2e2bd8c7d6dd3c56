import { recordAudit } from "../audit/audit.ts";
import type { Scope } from "../auth/scope.ts";
import type { Database, Tx } from "../db/connect.ts";
import { inScope } from "../db/scoped.ts";
import { AppError } from "../errors.ts";
import { listOffices, type Office, officeExists, upsertOffices } from "./offices.store.ts";

/** What an office id may look like; anything else cannot name an office (and never reaches the database). */
export const OFFICE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Fails unless the scope's nation has the office: a 404 naming the field of the body that gave the id, so an
 * office of another nation, or one that exists nowhere, is refused the same way. Call it inside the caller's
 * transaction, before the write that stores the id.
 */
export async function requireOffice(
  tx: Tx,
  scope: Pick<Scope, "tenantId">,
  officeId: string,
  field: string,
): Promise<void> {
  if (OFFICE_ID.test(officeId) && (await officeExists(tx, scope, officeId))) return;
  throw new AppError("NOT_FOUND", `${field}: your nation has no office "${officeId.slice(0, 64)}"`, {
    field,
  });
}

/** The offices of the scope's nation, by id, inside the caller's transaction (to name the offices it shows). */
export function officesOf(tx: Tx, scope: Pick<Scope, "tenantId">): Promise<Office[]> {
  return listOffices(tx, scope);
}

/** The name of one of the scope's nation's offices (its id when it has none), inside the caller's transaction. */
export async function officeNameOf(
  tx: Tx,
  scope: Pick<Scope, "tenantId">,
  officeId: string,
): Promise<string> {
  return (await listOffices(tx, scope)).find((o) => o.id === officeId)?.name ?? officeId;
}

/** Offices of a nation: listed, checked, and added by its administrators (audited). */
export function createOfficesService(database: Database) {
  const { db } = database;
  return {
    /** The offices of the scope's nation. */
    list: (scope: Scope): Promise<Office[]> => inScope(db, scope, (tx) => listOffices(tx, scope)),

    /** Whether the scope's nation has this office. */
    exists: (scope: Scope, officeId: string): Promise<boolean> =>
      OFFICE_ID.test(officeId)
        ? inScope(db, scope, (tx) => officeExists(tx, scope, officeId))
        : Promise.resolve(false),

    /** Adds an office to the scope's nation (or renames it). */
    add: async (scope: Scope, office: Office): Promise<Office> => {
      if (!OFFICE_ID.test(office.id))
        throw new AppError("BAD_INPUT", "id: letters, digits, - and _ only, at most 64", { field: "id" });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
      if (!/^[^\u0000-\u001f\u007f]{1,200}$/u.test(office.name.trim()))
        throw new AppError("BAD_INPUT", "name: 1 to 200 characters, no control characters", {
          field: "name",
        });
      return inScope(db, scope, async (tx) => {
        await upsertOffices(tx, scope.tenantId, [office]);
        await recordAudit(tx, scope, { action: "office.add", targetType: "office", targetId: office.id });
        return office;
      });
    },
  };
}

export type OfficesService = ReturnType<typeof createOfficesService>;
