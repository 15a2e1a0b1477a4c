import { redirect, type AppLoadContext } from "@remix-run/node";
import type { TFunction } from "i18next";
import { z } from "zod";
import { canUse, requireStaff, type StaffSession } from "../accounts/session.server";
import { getDb } from "../db.server";
import { getFixedT, getLocale } from "../i18n/i18n.server";
import { formFailure, httpError } from "../utils/http.server";
import { parseStaffForm, readStaffForm, type StaffForm } from "../utils/staff-form.server";
import { erasurePreview } from "./erasure-lists.server";
import { confirmRequest, eraseByModerator, ErasureError, refuseRequest } from "./erasure.server";

// The moderator's page for deleting one response, or refusing the request to: /moderate/responses/:id/delete.

const reason = (field: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${field}Empty` })
    .max(500, { error: `${field}TooLong` });
const DeleteSchema = z.object({ reason: reason("reason"), request: z.coerce.number().int().positive().optional() });
const RefuseSchema = z.object({ refusal: reason("refusal"), request: z.coerce.number().int().positive() });

/** A response held for safeguarding is for those who may see such responses, and nobody else. */
async function preview(session: StaffSession, t: TFunction, id: string | undefined, lang: string) {
  const responseId = /^[1-9][0-9]{0,9}$/.test(id ?? "") ? Number(id) : 0;
  const found = responseId ? await erasurePreview(getDb(), responseId, lang) : undefined;
  if (!found || (found.flagged && !canUse(session.user.role, "safeguarding"))) httpError(t, 404, "notFound");
  return found;
}

export async function deletePageData(request: Request, id: string | undefined) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, ["staff", "common"]);
  const response = await preview(session, t, id, await getLocale(request));
  return { title: t("erasure.delete.title", { reference: response.reference }), csrf: session.csrfToken, response };
}

const held = (t: TFunction, values: Record<string, string>, context: AppLoadContext) =>
  formFailure(context, { errors: [{ field: "reason", message: t("erasure.errors.held") }], values });

async function deleteIt(staff: StaffForm, responseId: number, context: AppLoadContext) {
  const { data, failure } = parseStaffForm(context, staff, DeleteSchema, "erasure.errors");
  if (failure) return failure;
  const userId = staff.session.user.id;
  if (data.request) await confirmRequest(getDb(), data.request, data.reason, userId);
  else await eraseByModerator(getDb(), responseId, data.reason, userId);
  throw redirect("/moderate/erasure?done=deleted", 303);
}

async function refuse(staff: StaffForm, context: AppLoadContext) {
  const { data, failure } = parseStaffForm(context, staff, RefuseSchema, "erasure.errors");
  if (failure) return failure;
  await refuseRequest(getDb(), data.request, data.refusal, staff.session.user.id);
  throw redirect("/moderate/erasure?done=refused", 303);
}

/** Delete, or refuse the person's request: the role, then the CSRF token, and only then the intent. */
export async function deletePagePost(request: Request, id: string | undefined, context: AppLoadContext) {
  const staff = await readStaffForm(request, "moderate");
  const response = await preview(staff.session, staff.t, id, await getLocale(request));
  if (staff.values.request && Number(staff.values.request) !== response.request?.id) httpError(staff.t, 404, "notFound");
  try {
    if (staff.intent === "delete") return await deleteIt(staff, response.id, context);
    if (staff.intent === "refuse" && response.request) return await refuse(staff, context);
    httpError(staff.t, 400, "badForm");
  } catch (error) {
    if (!(error instanceof ErasureError)) throw error;
    if (error.reason === "held") return held(staff.t, staff.values, context);
    httpError(staff.t, 404, "notFound");
  }
}
