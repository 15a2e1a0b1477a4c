import { useTranslation } from "react-i18next";

interface InfoPageProps {
  /** The key under locales/<lng>/pages.json holding title, intro and the <section>Heading/<section> pairs. */
  page: string;
  sections: string[];
  values: Record<string, string>;
  children?: (section: string) => React.ReactNode;
}

/** A page of headed paragraphs, all from the locale files: accessibility statement, privacy notice. */
export function InfoPage({ page, sections, values, children }: InfoPageProps) {
  const { t } = useTranslation("pages");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">{t(`${page}.title`)}</h1>
        <p className="govuk-body-l">{t(`${page}.intro`, values)}</p>
        {sections.map((section) => (
          <section key={section} aria-labelledby={`${section}-heading`}>
            <h2 className="govuk-heading-m" id={`${section}-heading`}>
              {t(`${page}.${section}Heading`)}
            </h2>
            <p className="govuk-body">{t(`${page}.${section}`, values)}</p>
            {children?.(section)}
          </section>
        ))}
      </div>
    </div>
  );
}
