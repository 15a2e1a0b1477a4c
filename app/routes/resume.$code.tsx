import { type LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { resumeWithCode } from "~/surveys/resume.server";
import { httpError } from "~/utils/http.server";

/** The link from the "saved" page: continue straight away, or explain why not. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lang = await getLocale(request);
  const t = await getFixedT(request, ["common", "survey"]);
  await resumeWithCode(params.code ?? "", lang, t, context);
  httpError(t, 404, "draftExpired", { linkTo: "/resume" });
}
