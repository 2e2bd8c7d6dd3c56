import type { Scope } from "../platform/auth/scope.ts";
import { inScope } from "../platform/db/scoped.ts";
import { requireOffice } from "../platform/offices/offices.service.ts";
import type { Platform } from "../platform/platform.ts";
import { createWorklistService } from "./case-worklist.service.ts";
import { createCasesService } from "./cases.service.ts";
import { createCrossmatchService } from "./crossmatch.service.ts";
import type { ImportedPerson } from "./engine/registry-csv.ts";
import { createErasureService } from "./erasure.service.ts";
import { createHouseholdsService } from "./households.service.ts";
import { createPeopleService } from "./people.service.ts";
import { createPersonEditService } from "./people-edit.service.ts";
import { type ImportOptions, importPeople, type PeopleSource } from "./people-import.service.ts";
import { type PersonKeys, regionalClkKeys } from "./person-seal.codec.ts";
import { createProtectionNoticeService, type ProtectionRecordSource } from "./protection-notice.service.ts";
import { createReviewService } from "./review.service.ts";
import { createSubjectExportService, type SubjectDataSource } from "./subject-export.service.ts";
import { createTimelineService, type TimelineSource } from "./timeline.service.ts";

/**
 * The registry's services on one platform, sharing the keys they need. `subjectSources` are the other
 * capabilities' parts of a person's export, `timelineSources` their steps in a person's timeline,
 * `protectionRecords` where victims' protection records may name a person (handed in by the composition root: the
 * registry imports none).
 */
export function createRegistryService(
  platform: Platform,
  options: {
    subjectSources?: readonly SubjectDataSource[];
    timelineSources?: readonly TimelineSource[];
    protectionRecords?: ProtectionRecordSource;
  } = {},
) {
  const keys: PersonKeys = { keyring: platform.keyring, clkKeys: regionalClkKeys(platform.keyring) };
  const people = createPeopleService(platform, keys);
  return {
    keys,
    people,
    edits: createPersonEditService(platform, keys),
    households: createHouseholdsService(platform, keys),
    erasure: createErasureService(platform, keys, options.subjectSources ?? []),
    subjectExport: createSubjectExportService(platform, keys, options.subjectSources ?? []),
    timeline: createTimelineService(platform, options.timelineSources ?? []),
    protectionNotice: createProtectionNoticeService(platform, options.protectionRecords ?? null),
    cases: createCasesService(platform),
    worklist: createWorklistService(platform),
    review: createReviewService(platform, people),
    crossmatch: createCrossmatchService(platform),
    /** Imports people (all or nothing) into one of the nation's offices, or none. */
    importPeople: async (
      scope: Scope,
      people: ImportedPerson[] | PeopleSource,
      options: ImportOptions = {},
    ) => {
      const { officeId } = options;
      if (officeId)
        await inScope(platform.database.db, scope, (tx) => requireOffice(tx, scope, officeId, "officeId"));
      return importPeople(platform, keys, scope, people, options);
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
