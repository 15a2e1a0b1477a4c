import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18n/i18n.server";
import { httpError } from "~/utils/http.server";

/** Any address no other route claims: a 404 page in the person's language. */
export async function loader({ request }: LoaderFunctionArgs) {
  httpError(await getFixedT(request, "common"), 404, "notFound");
}

export async function action({ request }: LoaderFunctionArgs) {
  httpError(await getFixedT(request, "common"), 404, "notFound");
}

export default function NotFound() {
  return null;
}
