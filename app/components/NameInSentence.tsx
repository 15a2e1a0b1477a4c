/** A mark no translation contains, standing in for the name while the sentence is translated. */
const SLOT = "\uE000";

interface NameInSentenceProps {
  /** The translated sentence around a name: `(name) => t("ysd.overview.heading", { period: name })`. */
  sentence: (name: string) => string;
  name: string;
  /** `lang` and `dir` when the name is in another language than the page, as English on a Polish page. */
  attributes: { lang?: string; dir?: string };
}

/**
 * A sentence with a name inside it that keeps its own language: "Podsumowanie okresu
 * <span lang="en">Autumn 2026</span>", so a screen reader says the name as English (WCAG 3.1.2).
 */
export function NameInSentence({ sentence, name, attributes }: NameInSentenceProps) {
  const parts = sentence(SLOT).split(SLOT);
  if (!attributes.lang || parts.length !== 2) return <>{sentence(name)}</>;
  return (
    <>
      {parts[0]}
      <span {...attributes}>{name}</span>
      {parts[1]}
    </>
  );
}
