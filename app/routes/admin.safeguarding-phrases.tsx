import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CSRF_FIELD } from "~/accounts/csrf";
import { requireStaff } from "~/accounts/session.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { Notice } from "~/components/Notice";
import { Select } from "~/components/Select";
import { Table } from "~/components/Table";
import { TextArea, TextInput } from "~/components/TextFields";
import { getDb } from "~/db.server";
import { htmlLang, supportedLanguages } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18n.server";
import { categories, compilePattern, type Match } from "~/safeguarding/detect";
import { addedPhrases, addPhrase, getDetector, phraseKinds, removePhrase, shippedLists } from "~/safeguarding/phrases.server";
import { pageTitle } from "~/utils/meta";
import { parseStaffForm, readStaffForm } from "~/utils/staff-form.server";

export const handle = { i18n: ["common", "staff"] };

const AddSchema = z.object({
  lang: z.enum(supportedLanguages, { error: "lang" }),
  category: z.enum(phraseKinds, { error: "category" }),
  phrase: z
    .string()
    .trim()
    .min(1, { error: "phrase" })
    .max(200, { error: "phraseTooLong" })
    .refine((phrase) => compilePattern(phrase, null) !== undefined, { error: "phrase" }),
});
const RemoveSchema = z.object({ lang: z.enum(supportedLanguages), phrase: z.string().min(1).max(200) });
const TrySchema = z.object({ sample: z.string().trim().min(1, { error: "sample" }).max(5000, { error: "sample" }) });

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireStaff(request, "safeguarding");
  const t = await getFixedT(request, "staff");
  const url = new URL(request.url);
  return json({
    title: t("phrases.title"),
    csrf: session.csrfToken,
    added: await addedPhrases(getDb()),
    shipped: shippedLists.map((list) => ({
      lang: list.lang,
      phrases: categories.map((category) => ({ category, patterns: list.phrases[category] ?? [] })),
      not: list.not ?? [],
    })),
    done: url.searchParams.get("done"),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await readStaffForm(request, "safeguarding");
  const db = getDb();
  if (staff.intent === "try") {
    const { data, failure } = parseStaffForm(context, staff, TrySchema, "phrases.errors");
    if (failure) return failure;
    // Nothing is stored: a lead checks what a sentence would raise.
    const matches = (await getDetector(db)).find(data.sample);
    return json({ errors: [], values: staff.values, matches });
  }
  if (staff.intent === "remove") {
    const parsed = RemoveSchema.safeParse(staff.values);
    if (parsed.success) await removePhrase(db, parsed.data.lang, parsed.data.phrase, staff.session.user.id);
    throw redirect("/admin/safeguarding-phrases?done=removed", 303);
  }
  const { data, failure } = parseStaffForm(context, staff, AddSchema, "phrases.errors");
  if (failure) return failure;
  if (!(await addPhrase(db, data, staff.session.user.id))) {
    context.formErrors = true;
    return json({ errors: [{ field: "phrase", message: staff.t("phrases.errors.duplicate") }], values: staff.values, matches: undefined }, { status: 400 });
  }
  throw redirect("/admin/safeguarding-phrases?done=added", 303);
}

export default function SafeguardingPhrases() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("staff");
  const errors = result?.errors ?? [];
  const values = result?.values ?? {};
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const matches = result && "matches" in result ? (result.matches as Match[] | undefined) : undefined;
  const languageOptions = supportedLanguages.map((lang) => ({ value: lang, label: t(`common:languageNames.${lang}`) }));
  return (
    <>
      <ErrorSummary errors={errors} />
      {data.done ? <Notice>{t(`phrases.${data.done === "added" ? "added" : "removed"}`)}</Notice> : null}
      <h1 className="govuk-heading-l">{t("phrases.title")}</h1>
      <p className="govuk-body">{t("phrases.lead")}</p>
      <p className="govuk-body">{t("phrases.syntax")}</p>

      <h2 className="govuk-heading-m">{t("phrases.tryHeading")}</h2>
      <form method="post" noValidate>
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <TextArea
          id="sample"
          name="sample"
          label={t("phrases.sample")}
          hint={t("phrases.sampleHint")}
          rows={3}
          error={errorFor("sample")}
          defaultValue={values.sample}
        />
        <button type="submit" name="intent" value="try" className="govuk-button govuk-button--secondary">
          {t("phrases.trySubmit")}
        </button>
      </form>
      {matches ? (
        <div role="status" className="govuk-inset-text" id="try-result">
          {matches.length === 0 ? (
            <p className="govuk-body">{t("phrases.noMatch")}</p>
          ) : (
            <ul className="govuk-list">
              {matches.map((match, index) => (
                <li key={index}>
                  <strong>{t(`safeguarding.categories.${match.category}`)}</strong>: <code dir="auto">{match.phrase}</code> ·{" "}
                  <span dir="auto">{match.excerpt}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}

      <h2 className="govuk-heading-m">{t("phrases.addHeading")}</h2>
      <form method="post" noValidate className="app-narrow-form">
        <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
        <Select id="lang" name="lang" label={t("phrases.lang")} options={languageOptions} defaultValue={values.lang ?? "en"} error={errorFor("lang")} />
        <Select
          id="category"
          name="category"
          label={t("phrases.category")}
          options={phraseKinds.map((kind) => ({ value: kind, label: kind === "exception" ? t("phrases.exception") : t(`safeguarding.categories.${kind}`) }))}
          defaultValue={values.category ?? "not_safe"}
          error={errorFor("category")}
        />
        <TextInput
          id="phrase"
          name="phrase"
          label={t("phrases.phrase")}
          hint={t("phrases.phraseHint")}
          error={errorFor("phrase")}
          defaultValue={values.phrase}
        />
        <button type="submit" name="intent" value="add" className="govuk-button">
          {t("phrases.addSubmit")}
        </button>
      </form>

      <h2 className="govuk-heading-m">{t("phrases.addedHeading")}</h2>
      {data.added.length === 0 ? (
        <p className="govuk-body">{t("phrases.noneAdded")}</p>
      ) : (
        <Table
          caption={t("phrases.addedHeading")}
          headers={(["phrase", "lang", "category", "by", "remove"] as const).map((column) => t(`phrases.table.${column}`))}
        >
          {data.added.map((row) => (
            <tr key={`${row.lang}:${row.phrase}`} className="govuk-table__row">
              <td className="govuk-table__cell" lang={htmlLang(row.lang)} dir="auto">
                {row.phrase}
              </td>
              <td className="govuk-table__cell">{t(`common:languageNames.${row.lang}`)}</td>
              <td className="govuk-table__cell">{row.category === "exception" ? t("phrases.exception") : t(`safeguarding.categories.${row.category}`)}</td>
              <td className="govuk-table__cell">{row.added_by}</td>
              <td className="govuk-table__cell">
                <form method="post">
                  <input type="hidden" name={CSRF_FIELD} value={data.csrf} />
                  <input type="hidden" name="lang" value={row.lang} />
                  <input type="hidden" name="phrase" value={row.phrase} />
                  <button type="submit" name="intent" value="remove" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                    {t("phrases.remove")}
                    <span className="govuk-visually-hidden"> {row.phrase}</span>
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </Table>
      )}

      <h2 className="govuk-heading-m">{t("phrases.shippedHeading")}</h2>
      <p className="govuk-body">{t("phrases.shippedLead")}</p>
      {data.shipped.map((list) => (
        <details key={list.lang} className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              {t("phrases.shippedSummary", {
                language: t(`common:languageNames.${list.lang}`),
                count: list.phrases.reduce((sum, group) => sum + group.patterns.length, 0),
              })}
            </span>
          </summary>
          <div className="govuk-details__text" lang={htmlLang(list.lang)}>
            {list.phrases.map((group) =>
              group.patterns.length > 0 ? (
                <div key={group.category}>
                  <h3 className="govuk-heading-s" lang="en">
                    {t(`safeguarding.categories.${group.category}`)}
                  </h3>
                  <p className="govuk-body-s app-phrase-list" dir="auto">
                    {group.patterns.join(" · ")}
                  </p>
                </div>
              ) : null,
            )}
            {list.not.length > 0 ? (
              <>
                <h3 className="govuk-heading-s" lang="en">
                  {t("phrases.exception")}
                </h3>
                <p className="govuk-body-s app-phrase-list" dir="auto">
                  {list.not.join(" · ")}
                </p>
              </>
            ) : null}
          </div>
        </details>
      ))}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
