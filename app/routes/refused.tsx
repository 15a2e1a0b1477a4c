import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18n.server";
import { httpError } from "~/utils/http.server";

/**
 * Where the server's gate sends a request it refused (too large, from another site, a method or
 * body no page accepts): the error page, in the person's language, with the gate's status.
 * Asked for directly, it is not found.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await getFixedT(request, "common");
  const refusal = context.refusal;
  if (!refusal) httpError(t, 404, "notFound");
  httpError(t, refusal.status, refusal.kind, { retryAfterSeconds: refusal.retryAfterSeconds });
}
