import { useTranslation } from "react-i18next";
import { NameInSentence } from "~/components/NameInSentence";
import { htmlLang, intlLocale, textDirection } from "~/i18n/config";
import { dayInWords } from "~/utils/date-input";
import type { Grouping } from "./filters";

/** A name and the language it is written in (a theme or question not yet translated is in English). */
export interface Named {
  text: string;
  lang: string;
}

/** How the dashboard writes numbers, shares, days and other languages' words in the reader's language. */
export function useInsightFormat() {
  const { t, i18n } = useTranslation("insight");
  const lang = i18n.language;
  const locale = intlLocale(lang);
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const utc = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
  const longMonth = utc({ month: "long", year: "numeric" });
  const shortMonth = utc({ month: "short" });
  const shortDay = utc({ day: "numeric", month: "short" });
  const at = (day: string) => new Date(`${day}T00:00:00Z`);
  const langOf = (textLang: string) => (htmlLang(textLang) === htmlLang(lang) ? undefined : htmlLang(textLang));
  return {
    dir: textDirection(lang),
    number: (value: number) => numbers.format(value),
    /** The share as a whole per cent, or null when there is nothing to divide by. */
    percent: (part: number, whole: number) => (whole === 0 ? null : percents.format(part / whole)),
    wholePercent: (value: number) => percents.format(value / 100),
    day: (day: string) => dayInWords(day, locale),
    /** A week or month in full, for tables: "Week from 7 September 2026", "September 2026". */
    bucket: (by: Grouping, from: string) => (by === "month" ? longMonth.format(at(from)) : t("time.weekFrom", { date: dayInWords(from, locale) })),
    /** The same, short, under a column: "Sep", "7 Sep". */
    bucketShort: (by: Grouping, from: string) => (by === "month" ? shortMonth.format(at(from)) : shortDay.format(at(from))),
    langOf,
    /** A sentence with a name in it, the name marked with its language where it is not the page's. */
    named: (sentence: (name: string) => string, name: Named) => {
      const other = langOf(name.lang);
      return <NameInSentence sentence={sentence} name={name.text} attributes={other ? { lang: other, dir: textDirection(name.lang) } : {}} />;
    },
  };
}

export type InsightFormat = ReturnType<typeof useInsightFormat>;

/** The chosen period's name in a sentence: marked with its language in the page, plain in an SVG title or description. */
export interface PeriodWords {
  node: (sentence: (name: string) => string) => React.ReactNode;
  text: (sentence: (name: string) => string) => string;
}
