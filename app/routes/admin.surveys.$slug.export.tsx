import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/accounts/session.server";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { exportSurvey } from "~/surveys/export.server";
import { httpError } from "~/utils/http.server";

/** The survey as one JSON file, every language, for another area or next year's copy. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, "moderate");
  const t = await getFixedT(request, "common");
  const survey = await exportSurvey(getDb(), params.slug ?? "", { history: true });
  if (!survey) httpError(t, 404, "notFound");
  return new Response(`${JSON.stringify(survey, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${survey.slug}.survey.json"`,
    },
  });
}
