import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TwoThirds } from "~/components/Layout";
import { getDb } from "~/db.server";
import { fixedT, getLocale } from "~/i18n/i18n.server";
import { contactExists, unsubscribe } from "~/updates/contacts.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

/** Following the link changes nothing (a mail scanner follows links): the page has the button. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = fixedT(await getLocale(request), "pages");
  const known = await contactExists(getDb(), params.token ?? "");
  return json({ title: t(known ? "updates.unsubscribe.title" : "updates.unsubscribe.doneTitle"), known }, { status: known ? 200 : 404 });
}

/**
 * The button, and the one-click unsubscribe of RFC 8058 (a mail client POSTs
 * `List-Unsubscribe=One-Click` here): either way the contact is deleted. Asking twice is fine.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const t = fixedT(await getLocale(request), "pages");
  await unsubscribe(getDb(), params.token ?? "");
  return json({ title: t("updates.unsubscribe.doneTitle"), done: true });
}

export default function Unsubscribe() {
  const data = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const { t } = useTranslation("pages");
  if (done || !data.known) {
    return (
      <TwoThirds>
        <h1 className="govuk-heading-l">{t("updates.unsubscribe.doneTitle")}</h1>
        <p className="govuk-body">{t("updates.unsubscribe.doneBody")}</p>
      </TwoThirds>
    );
  }
  return (
    <TwoThirds>
      <h1 className="govuk-heading-l">{t("updates.unsubscribe.title")}</h1>
      <p className="govuk-body">{t("updates.unsubscribe.lead")}</p>
      <form method="post">
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {t("updates.unsubscribe.button")}
        </button>
      </form>
    </TwoThirds>
  );
}

export const meta: MetaFunction<typeof loader | typeof action> = ({ data, matches }) => pageTitle(matches, data?.title);
