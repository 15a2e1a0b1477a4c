import type { Params } from "@remix-run/react";
import { canUse, requireStaff, type StaffSession } from "../../accounts/session.server";
import { getDb } from "../../db.server";
import { getFixedT } from "../../i18n/i18n.server";
import { httpError } from "../../utils/http.server";
import { surveyForBuilder } from "../builder.server";

/**
 * The survey a builder page is about. Moderators read every builder page; only administrators
 * build, so `canBuild` decides whether the page shows its forms.
 */
export async function loadBuilderSurvey(
  request: Request,
  params: Params,
): Promise<{ session: StaffSession; canBuild: boolean; survey: NonNullable<Awaited<ReturnType<typeof surveyForBuilder>>> }> {
  const session = await requireStaff(request, "moderate");
  const survey = params.slug ? await surveyForBuilder(getDb(), params.slug) : undefined;
  if (!survey) httpError(await getFixedT(request, "common"), 404, "notFound");
  return { session, canBuild: canUse(session.user.role, "admin"), survey };
}
