import { json, redirect, type AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import type { DB } from "../../db/connection";
import { requireStaff } from "../accounts/session.server";
import { getDb } from "../db.server";
import { getFixedT, getLocale } from "../i18n/i18n.server";
import { handlePublicationIntent } from "../publishing/publication-actions.server";
import { isPublished, publicationOf } from "../publishing/publishing.server";
import { pendingRevisions, proposeRevision } from "../publishing/revisions.server";
import { actionTranslationProgress } from "../translations/action-translations.server";
import { translatedLanguageOf } from "../translations/languages";
import { formFailure, httpError } from "../utils/http.server";
import { parseStaffForm, readStaffForm, type StaffForm, type StaffFormFailure } from "../utils/staff-form.server";
import { StatusForm } from "./action-form";
import { actionFormValues, readActionForm, readUpdateForm } from "./action-form.server";
import { actionDetail, ActionError, addUpdate, applyActionChange, changeStatus, updateAction } from "./actions.server";
import { actionFormOptions } from "./options.server";

async function loadAction(db: DB, t: TFunction, id: string | undefined) {
  const action = Number(id) > 0 ? await actionDetail(db, Number(id)) : undefined;
  if (!action) httpError(t, 404, "notFound");
  return action;
}

/** Everything an action's staff page shows: the action, where it is in publishing, and its translations. */
export async function actionPageData(request: Request, id: string | undefined) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, ["staff", "common"]);
  const db = getDb();
  const action = await loadAction(db, t, id);
  const [publication, revisions, progress, options] = await Promise.all([
    publicationOf(db, "action", action.id),
    pendingRevisions(db, "action", action.id),
    actionTranslationProgress(db, [action.id]),
    actionFormOptions(db, await getLocale(request), action.period_id),
  ]);
  return {
    title: t("actions.detail.title", { title: action.title }),
    csrf: session.csrfToken,
    userId: session.user.id,
    publication,
    revisions,
    action,
    translations: {
      progress: progress.get(action.id) ?? [],
      waiting: revisions.map((revision) => translatedLanguageOf(revision.kind)).filter((lang) => lang !== null),
    },
    notice: new URL(request.url).searchParams.get("notice"),
    ...options,
  };
}

/** Changes the status, adds an update or changes the details; once public, each waits for a second person. */
async function change(db: DB, staff: StaffForm, context: AppLoadContext, current: Awaited<ReturnType<typeof loadAction>>) {
  const { t, intent, values, session } = staff;
  const url = `/moderate/actions/${current.id}`;
  const live = await isPublished(db, "action", current.id);
  // Once public, every change waits for a second person; the public keeps the approved version.
  const propose = async (kind: string, payload: unknown, note: string, correction: boolean) => {
    await proposeRevision(db, "action", current.id, { kind, payload, note, correction }, session.user);
    throw redirect(`${url}?notice=revisionProposed`, 303);
  };
  if (intent === "status") {
    const { data, failure } = parseStaffForm(context, staff, StatusForm, "actions.errors");
    if (failure) return failure;
    if (live) await propose("status", data, t(`actions.statuses.${data.status}`), false);
    await changeStatus(db, current.id, data, session.user.id);
  } else if (intent === "update") {
    const read = readUpdateForm(staff);
    if (read.errors) return formFailure<StaffFormFailure>(context, { errors: read.errors, values });
    if (live) await propose("update", read.data, read.data.updateOn, false);
    await addUpdate(db, current.id, read.data, session.user.id);
  } else if (intent === "details") {
    const read = readActionForm(staff);
    const correction = (values.correction ?? "").trim();
    const errors = read.errors ?? [];
    // Once public, a change to the details is a correction, shown with a dated note.
    if (live && !correction) errors.push({ field: "correction", message: t("actions.errors.correction") });
    if (read.errors || errors.length) return formFailure<StaffFormFailure>(context, { errors, values: actionFormValues(staff) });
    if (live) await propose("details", read.data, correction.slice(0, 500), true);
    await updateAction(db, current.id, read.data, Number(values.version), session.user.id);
  } else {
    httpError(t, 400, "badForm");
  }
  throw redirect(`${url}?notice=saved`, 303);
}

/** The action page's forms: publishing, status, updates and details. */
export async function actionPagePost(request: Request, id: string | undefined, context: AppLoadContext) {
  const staff = await readStaffForm(request, "moderate");
  const db = getDb();
  const current = await loadAction(db, staff.t, id);
  const apply = (kind: string, change: unknown) => applyActionChange(db, current.id, kind, change, staff.session.user.id);
  const published = await handlePublicationIntent(db, staff, { entity: "action", id: current.id, url: `/moderate/actions/${current.id}`, apply }, context);
  if (published) return published;
  try {
    return await change(db, staff, context, current);
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    context.formErrors = true;
    const field =
      error.field ?? (error.reason === "unknownTheme" ? "theme" : staff.intent === "details" ? "title" : staff.intent === "update" ? "body" : "status");
    return json<StaffFormFailure>(
      { errors: [{ field, message: staff.t(`actions.errors.${error.reason}`) }], values: staff.values },
      { status: error.reason === "changedElsewhere" ? 409 : 400 },
    );
  }
}
