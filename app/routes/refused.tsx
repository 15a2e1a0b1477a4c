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

/**
 * Never rendered: the loader always throws, and the root's error boundary draws the page. Having a
 * component makes this a page rather than a resource route, so a refusal is a whole HTML page in
 * the person's language, not the bare data of the error.
 */
export default function Refused() {
  return null;
}
