import type { Migration } from "kysely";
import * as foundation from "./2026-11-22-01-foundation";
import * as moderation from "./2026-11-22-02-moderation";
import * as safeguarding from "./2026-11-22-03-safeguarding";
import * as quotes from "./2026-11-22-04-quotes";
import * as themeMerges from "./2026-11-22-05-theme-merges";
import * as queueIndex from "./2026-11-22-06-queue-index";
import * as actions from "./2026-11-22-07-actions";
import * as statementsPublishing from "./2026-11-22-08-statements-publishing";
import * as thresholdSetting from "./2026-11-22-09-threshold-setting";
import * as languages from "./2026-11-22-10-languages";
import * as safeguardingConcerns from "./2026-12-04-01-safeguarding-concerns";
import * as security from "./2026-12-04-02-security";
import * as revisions from "./2026-12-04-03-revisions";
import * as surveyBuilder from "./2026-12-04-04-survey-builder";
import * as periods from "./2026-12-04-05-periods";
import * as surveyPages from "./2026-12-04-05-survey-pages";
import * as updateTranslations from "./2026-12-04-06-update-translations";
import * as audiencePerResponse from "./2026-12-05-01-audience-per-response";
import * as population from "./2026-12-05-02-population";
import * as themeSuggestions from "./2026-12-05-03-theme-suggestions";
import * as insight from "./2026-12-05-04-insight";
import * as counts from "./2026-12-05-05-counts";
import * as cacheGenerations from "./2026-12-05-06-cache-generations";
import * as draftStops from "./2026-12-05-07-draft-stops";
import * as mergeBatches from "./2026-12-05-08-merge-batches";
import * as staffAccounts from "./2026-12-05-09-staff-accounts";
import * as retention from "./2026-12-05-10-retention";
import * as erasure from "./2026-12-05-11-erasure";
import * as scheduledJobs from "./2026-12-05-12-scheduled-jobs";
import * as outreachLinks from "./2026-12-05-13-outreach-links";
import * as supporters from "./2026-12-05-14-supporters";
import * as updates from "./2026-12-05-15-updates";
import * as spokenAnswers from "./2026-12-05-16-spoken-answers";

/**
 * Every migration, imported statically so that the bundled server carries them:
 * Node 20 cannot import .ts files at run time. Add new ones here in date order.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-22-01-foundation": foundation,
  "2026-11-22-02-moderation": moderation,
  "2026-11-22-03-safeguarding": safeguarding,
  "2026-11-22-04-quotes": quotes,
  "2026-11-22-05-theme-merges": themeMerges,
  "2026-11-22-06-queue-index": queueIndex,
  "2026-11-22-07-actions": actions,
  "2026-11-22-08-statements-publishing": statementsPublishing,
  "2026-11-22-09-threshold-setting": thresholdSetting,
  "2026-11-22-10-languages": languages,
  "2026-12-04-01-safeguarding-concerns": safeguardingConcerns,
  "2026-12-04-02-security": security,
  "2026-12-04-03-revisions": revisions,
  "2026-12-04-04-survey-builder": surveyBuilder,
  "2026-12-04-05-periods": periods,
  "2026-12-04-05-survey-pages": surveyPages,
  "2026-12-04-06-update-translations": updateTranslations,
  "2026-12-05-01-audience-per-response": audiencePerResponse,
  "2026-12-05-02-population": population,
  "2026-12-05-03-theme-suggestions": themeSuggestions,
  "2026-12-05-04-insight": insight,
  "2026-12-05-05-counts": counts,
  "2026-12-05-06-cache-generations": cacheGenerations,
  "2026-12-05-07-draft-stops": draftStops,
  "2026-12-05-08-merge-batches": mergeBatches,
  "2026-12-05-09-staff-accounts": staffAccounts,
  "2026-12-05-10-retention": retention,
  "2026-12-05-11-erasure": erasure,
  "2026-12-05-12-scheduled-jobs": scheduledJobs,
  "2026-12-05-13-outreach-links": outreachLinks,
  "2026-12-05-14-supporters": supporters,
  "2026-12-05-15-updates": updates,
  "2026-12-05-16-spoken-answers": spokenAnswers,
};
