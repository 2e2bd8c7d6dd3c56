import { newRouter } from "../platform/http/app-env.ts";
import { worklistRoutes } from "./case-worklist.routes.ts";
import { casesRoutes, crossmatchRoutes } from "./cases.routes.ts";
import { erasureRoutes } from "./erasure.routes.ts";
import { householdsRoutes } from "./households.routes.ts";
import { matchingRoutes } from "./matching.routes.ts";
import { peopleRoutes } from "./people.routes.ts";
import { personEditRoutes } from "./person-edit.routes.ts";
import { protectionNoticeRoutes } from "./protection-notice.routes.ts";
import type { RegistryService } from "./registry.service.ts";
import { subjectExportRoutes } from "./subject-export.routes.ts";
import { timelineRoutes } from "./timeline.routes.ts";

/** Every registry route, mounted under `/api/v1`. */
export function registryRoutes(registry: RegistryService) {
  const router = newRouter();
  router.route("/", peopleRoutes(registry));
  router.route("/", personEditRoutes(registry));
  router.route("/", erasureRoutes(registry));
  router.route("/", householdsRoutes(registry));
  router.route("/", subjectExportRoutes(registry));
  router.route("/", timelineRoutes(registry));
  router.route("/", protectionNoticeRoutes(registry));
  router.route("/", worklistRoutes(registry));
  router.route("/", casesRoutes(registry));
  router.route("/", crossmatchRoutes(registry));
  router.route("/", matchingRoutes(registry));
  return router;
}
