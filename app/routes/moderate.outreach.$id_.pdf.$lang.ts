import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/accounts/session.server";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { pdfLanguages, posterPdf } from "~/outreach/pdf.server";
import { posterFor } from "~/outreach/poster.server";
import { httpError } from "~/utils/http.server";

/** The poster, or with `?size=card` the sheet of pocket cards, as a PDF download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, "moderate");
  const lang = params.lang ?? "";
  const id = /^\d+$/.test(params.id ?? "") ? Number(params.id) : 0;
  const poster = pdfLanguages.has(lang) ? await posterFor(getDb(), id, lang) : undefined;
  if (!poster) httpError(await getFixedT(request, "common"), 404, "notFound");
  const size = new URL(request.url).searchParams.get("size") === "card" ? "card" : "poster";
  const pdf = await posterPdf(poster, size);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${size}-${poster.code}-${lang}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
