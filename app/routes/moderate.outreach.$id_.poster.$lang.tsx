import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireStaff } from "~/accounts/session.server";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { CardSheet, PosterSheet } from "~/outreach/PosterSheet";
import { posterFor } from "~/outreach/poster.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "staff"] };

/** A poster (or, with `?size=card`, a sheet of pocket cards) for one link in one of its survey's languages, styled to print on A4. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, "moderate");
  const id = /^\d+$/.test(params.id ?? "") ? Number(params.id) : 0;
  const poster = await posterFor(getDb(), id, params.lang ?? "");
  const t = await getFixedT(request, ["staff", "common"]);
  if (!poster) httpError(t, 404, "notFound");
  const size = new URL(request.url).searchParams.get("size") === "card" ? "card" : "poster";
  return json({ title: t(`outreach.${size}.title`, { name: poster.name }), id, size, poster });
}

export default function PosterPage() {
  const { title, id, size, poster } = useLoaderData<typeof loader>();
  const { t } = useTranslation("staff");
  return (
    <>
      <div className="app-no-print">
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">{t("outreach.printHint")}</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/moderate/outreach/${id}`}>
            {t("outreach.backToLink")}
          </Link>
        </p>
      </div>
      {size === "card" ? <CardSheet poster={poster} /> : <PosterSheet poster={poster} />}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
