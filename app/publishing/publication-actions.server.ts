import { redirect, type AppLoadContext } from "@remix-run/node";
import type { DB } from "../../db/connection";
import type { PublishedEntity } from "../../db/schema";
import { formFailure } from "../utils/http.server";
import type { StaffForm, StaffFormFailure } from "../utils/staff-form.server";
import { approvePublication, PublishError, requestPublication, unpublish } from "./publishing.server";
import { approveRevision, withdrawRevision } from "./revisions.server";

export const publicationIntents = ["publish-request", "publish-approve", "publish-withdraw", "revision-approve", "revision-withdraw"] as const;

/** The one failure shape; `values` holds only the intent, so the page's other forms stay as they were. */
function failure(context: AppLoadContext, intent: string, field: string, message: string) {
  return formFailure<StaffFormFailure>(context, { errors: [{ field, message }], values: { intent } });
}

/** Handles the publishing buttons shared by statements and actions; null for any other intent. */
export async function handlePublicationIntent(
  db: DB,
  { form, intent, session, t }: StaffForm,
  target: { entity: PublishedEntity; id: number; url: string; apply: (kind: string, change: unknown) => Promise<void> },
  context: AppLoadContext,
) {
  if (!publicationIntents.includes(intent as (typeof publicationIntents)[number])) return null;
  try {
    if (intent === "publish-request") {
      await requestPublication(db, target.entity, target.id, session.user);
      throw redirect(`${target.url}?notice=requested`, 303);
    }
    if (intent === "publish-approve") {
      await approvePublication(db, target.entity, target.id, session.user);
      throw redirect(`${target.url}?notice=published`, 303);
    }
    const revision = Number(form.get("revision"));
    if (intent === "revision-approve") {
      await approveRevision(db, target.entity, target.id, revision, session.user, target.apply);
      throw redirect(`${target.url}?notice=revisionApproved`, 303);
    }
    if (intent === "revision-withdraw") {
      await withdrawRevision(db, target.entity, target.id, revision, session.user);
      throw redirect(`${target.url}?notice=revisionWithdrawn`, 303);
    }
    const reason = String(form.get("withdrawReason") ?? "").trim();
    if (!reason || reason.length > 1000) {
      return failure(context, String(intent), "withdrawReason", t("publication.errors.reason"));
    }
    await unpublish(db, target.entity, target.id, reason, session.user);
    throw redirect(`${target.url}?notice=unpublished`, 303);
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    return failure(context, String(intent), "publish", t(`publication.errors.${error.reason}`));
  }
}
