import type { Platform } from "../platform/platform.ts";
import { createCasesService } from "./cases.service.ts";
import { createCrossmatchService } from "./crossmatch.service.ts";
import { createPeopleService } from "./people.service.ts";
import { createPersonEditService } from "./people-edit.service.ts";
import { importPeople } from "./people-import.service.ts";
import { type PersonKeys, regionalClkKeys } from "./person-seal.service.ts";
import { createReviewService } from "./review.service.ts";

/** The registry's services on one platform, sharing the keys they need. */
export function createRegistryService(platform: Platform) {
  const keys: PersonKeys = { keyring: platform.keyring, clkKeys: regionalClkKeys(platform.keyring) };
  const people = createPeopleService(platform, keys);
  return {
    keys,
    people,
    edits: createPersonEditService(platform, keys),
    cases: createCasesService(platform),
    review: createReviewService(platform, people),
    crossmatch: createCrossmatchService(platform),
    importPeople: (
      ...args: Parameters<typeof importPeople> extends [unknown, unknown, ...infer R] ? R : never
    ) => importPeople(platform, keys, ...args),
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
