/** Staff-written text as paragraphs: a blank line starts a new one. */
export function Paragraphs({ text, lang, listen }: { text: string; lang?: string; listen?: boolean }) {
  return (
    <>
      {text.split(/\n{2,}/).map((paragraph) => (
        <p key={paragraph} className="govuk-body" lang={lang} data-listen={listen ? "text" : undefined}>
          {paragraph}
        </p>
      ))}
    </>
  );
}
