// The administrators' console (issue 12): pages under /staff/admin, inside the staff console's
// sessions, CSRF tokens and layout; administrators only (everyone else gets the console's 404).
// /admin leads here. Each area is a module of its own that registers its routes below, one line
// each: the flow, the translations, the directory and settings, users and tokens, history, and the
// preview of the draft.
import express, { type Router } from "express";
import type { ReleaseRegistry } from "../../releases/releaseRegistry.ts";
import type { ConsoleDeps } from "../staff/consoleContext.ts";
import { registerAdminHome } from "./adminHome.ts";
import { registerDirectory } from "./directory/directoryPages.ts";
import { registerHistory } from "./historyPages.ts";
import { registerFlowPages } from "./flowPages.ts";
import { registerTranslations } from "./translationPages.ts";
import { registerPreview } from "./preview/previewPages.ts";

export interface AdminDeps extends ConsoleDeps {
  /** The published versions: what is live, and older ones on demand. */
  releases: Pick<ReleaseRegistry, "latest" | "get" | "refresh">;
}

/** Mounted by the console router after its sign-in gate and the administrators-only check. */
export function adminPagesRouter(deps: AdminDeps): Router {
  const router = express.Router();
  registerAdminHome(router, deps);
  registerDirectory(router, deps);
  registerHistory(router, deps);
  registerFlowPages(router, deps);
  registerTranslations(router, deps);
  registerPreview(router, deps);
  return router;
}
