import { beforeAll, describe, expect, it } from "vitest";
import { Role } from "../src/platform/auth/auth.contract.ts";
import { type Permission, ROLE_TABLE } from "../src/platform/auth/permissions.ts";
import { type TestApp, userWithToken } from "./harness.ts";

/** What one route needs and how to call it; the matrix derives every role's expected answer from it. */
export interface RouteCase<F> {
  /** How the route reads in test names, e.g. "DELETE /tokens/:id". */
  name: string;
  method: string;
  /** The path, built from the fixture the file's setup made. */
  path: (fx: F) => string;
  body?: (fx: F) => unknown;
  /** The permission the route declares; roles holding it must succeed, all others get 403. */
  permission: Permission;
  /** Status of a successful call. */
  ok: number;
  /** A path to the same kind of record in another nation: an allowed role must get 404. */
  otherNationPath?: (fx: F) => string;
  /** The nation whose users call the route (default USA). */
  nation?: string;
}

function nationFor(role: Role, nation: string): string {
  return role === "regional_admin" ? "REG" : nation;
}

/**
 * For each route: no token answers 401; every role without the permission 403; another nation's record 404;
 * every role with the permission succeeds. A fresh fixture per call, made in the caller's nation (the secretariat
 * for regional roles), keeps write routes independent.
 */
export function describeRoleMatrix<F>(
  title: string,
  getT: () => TestApp,
  setup: (t: TestApp, callerNation: string) => Promise<F>,
  cases: RouteCase<F>[],
) {
  describe(`${title}: role matrix`, () => {
    const tokens = new Map<string, string>();
    beforeAll(async () => {
      const t = getT();
      const nations = new Set(cases.map((c) => c.nation ?? "USA"));
      for (const nation of nations) {
        for (const role of Role.options) {
          const key = `${nationFor(role, nation)}:${role}`;
          if (!tokens.has(key))
            tokens.set(key, (await userWithToken(t, nationFor(role, nation), [role])).token);
        }
      }
    });
    for (const c of cases) {
      const nation = c.nation ?? "USA";
      const allowed = Role.options.filter((r) => ROLE_TABLE[r].permissions.includes(c.permission));
      const denied = Role.options.filter((r) => !allowed.includes(r));
      const call = async (role: Role | null, path: (fx: F) => string) => {
        const t = getT();
        const fx = await setup(t, role ? nationFor(role, nation) : nation);
        const token = role ? tokens.get(`${nationFor(role, nation)}:${role}`) : undefined;
        return t.request(c.method, path(fx), {
          ...(token ? { token } : {}),
          ...(c.body ? { body: c.body(fx) } : {}),
        });
      };
      describe(`${c.name} needing ${c.permission}`, () => {
        it("answers 401 without a token", async () => {
          expect((await call(null, c.path)).status).toBe(401);
        });
        for (const role of denied) {
          it(`answers 403 to ${role}`, async () => {
            expect((await call(role, c.path)).status).toBe(403);
          });
        }
        for (const role of allowed) {
          it(`answers ${c.ok} to ${role}`, async () => {
            const res = await call(role, c.path);
            expect(res.status, await res.clone().text()).toBe(c.ok);
          });
        }
        if (c.otherNationPath && allowed[0]) {
          const role = allowed.find((r) => r !== "regional_admin") ?? allowed[0];
          it(`answers 404 to ${role} for another nation's record`, async () => {
            expect((await call(role, c.otherNationPath as (fx: F) => string)).status).toBe(404);
          });
        }
      });
    }
  });
}
