import type { DB } from "../connection";
import { contentTranslations, type ContentTranslation } from "./translations";

/** The SEND themes every area starts with (PRODUCT.md); administrators can edit them later. */
export const startingThemes: { slug: string; name: string; description: string }[] = [
  { slug: "identification-early-help", name: "Identification and early help", description: "Spotting needs early and getting help before problems grow." },
  {
    slug: "ehc-assessment-timeliness",
    name: "EHC needs assessment timeliness",
    description: "Whether Education, Health and Care needs assessments finish within 20 weeks.",
  },
  {
    slug: "ehc-plan-quality",
    name: "EHC plan quality and annual reviews",
    description: "Whether plans describe needs and support well, and are reviewed every year.",
  },
  {
    slug: "communication",
    name: "Communication and case-worker contact",
    description: "Getting replies, knowing who is dealing with your case, being kept informed.",
  },
  {
    slug: "listened-coproduction",
    name: "Being listened to and co-production",
    description: "Families and young people shaping decisions and services with professionals.",
  },
  {
    slug: "sen-support-mainstream",
    name: "SEN support in mainstream school",
    description: "Help in ordinary schools and colleges for children without an EHC plan, and with one.",
  },
  {
    slug: "placements-sufficiency",
    name: "Placements, sufficiency, exclusions and alternative provision",
    description: "Enough suitable school places, exclusions, and education outside school.",
  },
  { slug: "health-therapies", name: "Health and therapies", description: "Speech and language, occupational therapy, physiotherapy and other health support." },
  { slug: "camhs-mental-health", name: "CAMHS and mental health", description: "Child and adolescent mental health services and emotional wellbeing." },
  {
    slug: "autism-adhd-waits",
    name: "Autism and ADHD assessment waits",
    description: "How long families wait for autism and ADHD assessments, and help while waiting.",
  },
  { slug: "social-care-short-breaks", name: "Social care and short breaks", description: "Social care support and short breaks (respite) for families." },
  { slug: "home-to-school-transport", name: "Home-to-school transport", description: "Getting to school or college safely and on time." },
  {
    slug: "local-offer-information",
    name: "Local Offer, information and advice",
    description: "Finding clear information about services, and independent advice (IASS).",
  },
  {
    slug: "preparation-for-adulthood",
    name: "Preparation for adulthood and transitions",
    description: "Moving on at 14 to 25: work, college, independent living, health and friends.",
  },
  {
    slug: "inclusion-community-leisure",
    name: "Inclusion in community and leisure",
    description: "Clubs, activities and places where children and young people are welcome.",
  },
  {
    slug: "tribunals-complaints",
    name: "Tribunals, complaints and mediation",
    description: "Disagreements, complaints, mediation and appeals to the SEND tribunal.",
  },
];

/** The English every translation of the starting themes is checked against (`npm run i18n:check`). */
export function englishContent(): ContentTranslation {
  return { themes: Object.fromEntries(startingThemes.map((theme) => [theme.slug, { name: theme.name, description: theme.description }])) };
}

/** Adds the starting themes to a portal that has none yet. */
export async function ensureStartingThemes(db: DB): Promise<void> {
  const existing = await db.selectFrom("themes").select("id").limit(1).executeTakeFirst();
  if (existing) return;
  await db.transaction().execute(async (trx) => {
    for (const theme of startingThemes) {
      const { id } = await trx.insertInto("themes").values({ slug: theme.slug }).returning("id").executeTakeFirstOrThrow();
      const translations = Object.entries(contentTranslations)
        .map(([lang, content]) => ({ lang, words: content.themes[theme.slug] }))
        .filter((row) => row.words)
        .map(({ lang, words }) => ({ theme_id: id, lang, name: words.name, description: words.description }));
      await trx
        .insertInto("theme_translations")
        .values([{ theme_id: id, lang: "en", name: theme.name, description: theme.description }, ...translations])
        .execute();
    }
  });
}
