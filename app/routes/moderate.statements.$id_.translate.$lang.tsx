import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { requireStaff } from "~/accounts/session.server";
import { getDb } from "~/db.server";
import { getFixedT } from "~/i18n/i18n.server";
import { isTranslationLanguage } from "~/translations/languages";
import { saveStatementTranslation, statementHeading, statementSourceTexts } from "~/translations/statement-translations.server";
import { submitTranslation, translatePageData, type TranslationTarget } from "~/translations/translate.server";
import { TranslatePage } from "~/translations/TranslatePage";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/utils/meta";
import { readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

async function target(params: LoaderFunctionArgs["params"], t: TFunction): Promise<TranslationTarget> {
  const { lang } = params;
  const id = Number(params.id);
  const texts = isTranslationLanguage(lang) && id > 0 ? await statementSourceTexts(getDb(), id, lang) : undefined;
  if (!texts || !isTranslationLanguage(lang)) httpError(t, 404, "notFound");
  return {
    entity: "statement",
    id,
    lang,
    texts,
    url: `/moderate/statements/${id}/translate/${lang}`,
    back: `/moderate/statements/${id}`,
    titleKey: "translations.page.statementTitle",
    caption: await statementHeading(getDb(), id),
    errorPrefix: "statements.errors",
    save: (translation, userId) => saveStatementTranslation(getDb(), id, translation, userId),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "moderate");
  const t = await getFixedT(request, ["staff", "common"]);
  return json(await translatePageData(getDb(), request, session.csrfToken, t, await target(params, t)));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "moderate");
  return submitTranslation(getDb(), context, staff, await target(params, staff.t));
}

export default function TranslateStatement() {
  return <TranslatePage data={useLoaderData<typeof loader>()} failure={useActionData<typeof action>()} />;
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
