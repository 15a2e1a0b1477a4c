import enXeasyread from "./translations/en-x-easyread.json";
import pl from "./translations/pl.json";
import ro from "./translations/ro.json";
import pa from "./translations/pa.json";
import ur from "./translations/ur.json";
import pt from "./translations/pt.json";
import es from "./translations/es.json";
import ar from "./translations/ar.json";
import bn from "./translations/bn.json";
import gu from "./translations/gu.json";
import it from "./translations/it.json";

/**
 * What a translator supplies for one language: the starting themes. The demo surveys carry their
 * own languages in their files (db/seed/surveys/).
 */
export type ContentTranslation = {
  themes: Record<string, { name: string; description: string }>;
};

/** Each language's words for the starting themes (first drafts: see the README). */
export const contentTranslations: Record<string, ContentTranslation> = {
  "en-x-easyread": enXeasyread,
  pl,
  ro,
  pa,
  ur,
  pt,
  es,
  ar,
  bn,
  gu,
  it,
};
