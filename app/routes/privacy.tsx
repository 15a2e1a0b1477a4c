import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { privacyNotice, type PrivacyNotice } from "~/data-protection/privacy.server";
import { getDb } from "~/db.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { pageTitle } from "~/utils/meta";

export const handle = { i18n: ["common", "pages"] };

/** The privacy notice: fixed wording in every language around what the administrators set up. */
export async function loader({ request }: LoaderFunctionArgs) {
  const t = await getFixedT(request, "pages");
  return json({ title: t("privacy.title"), notice: await privacyNotice(getDb(), await getLocale(request)) });
}

function Section({ id, children }: { id: string; children: React.ReactNode }) {
  const { t } = useTranslation("pages");
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 className="govuk-heading-m" id={`${id}-heading`}>
        {t(`privacy.${id}Heading`)}
      </h2>
      {children}
    </section>
  );
}

/** How long each kind of record is kept, with the periods the administrators set. */
function Kept({ notice }: { notice: PrivacyNotice }) {
  const { t } = useTranslation("pages");
  const rows = [
    ["drafts", { period: notice.periods.drafts }],
    ["text", { period: notice.periods.text }],
    ["held", {}],
    ["choices", { threshold: notice.threshold }],
    ["quotes", {}],
    ["audit", { period: notice.periods.audit }],
    ...(notice.periods.backups ? [["backups", { period: notice.periods.backups }] as const] : []),
  ] as const;
  return (
    <dl className="govuk-summary-list">
      {rows.map(([row, values]) => (
        <div key={row} className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t(`privacy.kept.${row}`)}</dt>
          <dd className="govuk-summary-list__value">{t(`privacy.kept.${row}For`, values)}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function Privacy() {
  const { notice } = useLoaderData<typeof loader>();
  const { t } = useTranslation("pages");
  const contact = { organisation: notice.organisation, email: notice.email };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">{t("privacy.title")}</h1>
        <p className="govuk-body-l">{t("privacy.intro", contact)}</p>
        <Section id="controller">
          <p className="govuk-body">
            {notice.controller ? t("privacy.controller", { controller: notice.controller }) : t("privacy.controllerMissing", contact)}
          </p>
          <p className="govuk-body">{notice.dpo ? t("privacy.dpo", { dpo: notice.dpo }) : t("privacy.dpoMissing", contact)}</p>
        </Section>
        <Section id="what">
          <p className="govuk-body">{t("privacy.what")}</p>
        </Section>
        <Section id="why">
          <p className="govuk-body">{t("privacy.why")}</p>
          <p className="govuk-body">{notice.basis ? t(`privacy.bases.${notice.basis}`) : t("privacy.basisMissing", contact)}</p>
        </Section>
        <Section id="who">
          <p className="govuk-body">{t("privacy.who")}</p>
        </Section>
        <Section id="safety">
          <p className="govuk-body">{t("privacy.safety")}</p>
        </Section>
        <Section id="keep">
          <p className="govuk-body">{t("privacy.keepLead")}</p>
          <Kept notice={notice} />
          <p className="govuk-body">{t("privacy.keepLogs")}</p>
        </Section>
        <Section id="cookies">
          <p className="govuk-body">{t("privacy.cookies")}</p>
        </Section>
        <Section id="erasure">
          <p className="govuk-body">{t("privacy.erasure")}</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>{t("privacy.erasureWithCode")}</li>
            <li>{t("privacy.erasureWithReference")}</li>
            <li>{t("privacy.erasureHeld")}</li>
          </ul>
          <p className="govuk-body">{t("privacy.erasureAfter")}</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/my-feedback">
              {t("privacy.erasureLink")}
            </Link>
          </p>
        </Section>
        <Section id="rights">
          <p className="govuk-body">{t("privacy.rights", contact)}</p>
        </Section>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title);
