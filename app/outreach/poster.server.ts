import QRCode from "qrcode";
import type { DB } from "../../db/connection";
import { env } from "../env.server";
import { htmlLang, textDirection } from "../i18n/config";
import { fixedT } from "../i18n/i18n.server";
import { getSurvey } from "../surveys/surveys.server";
import { getLink, linkPath } from "./links.server";

export const posterSizes = ["poster", "card"] as const;
export type PosterSize = (typeof posterSizes)[number];

/** The full address a link's QR code opens, and the short one printed under it: host and path, no scheme. */
export function linkAddress(code: string) {
  const origin = env().PUBLIC_URL;
  return { url: `${origin}${linkPath(code)}`, short: `${new URL(origin).host}${linkPath(code)}` };
}

/** The QR code for a link's address, as SVG: medium error correction survives a crease or a smudge. */
export function linkQr(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", margin: 4, errorCorrectionLevel: "M" });
}

/** The QR code's modules, for drawing it as squares in a PDF. */
export function linkQrMatrix(url: string): { size: number; dark: (x: number, y: number) => boolean } {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: "M" });
  return { size: modules.size, dark: (x, y) => Boolean(modules.get(y, x)) };
}

/**
 * Everything a poster or card says, in `lang`: only a language the whole survey is written in,
 * else undefined. The words around the survey's own come from the staff strings in that language.
 */
export async function posterFor(db: DB, linkId: number, lang: string) {
  const link = await getLink(db, linkId);
  const survey = link ? await getSurvey(db, link.survey, lang) : undefined;
  if (!link || !survey || !survey.languages.includes(lang)) return undefined;
  const t = fixedT(lang, "staff");
  const address = linkAddress(link.code);
  return {
    lang: htmlLang(lang),
    dir: textDirection(lang),
    code: link.code,
    name: link.name,
    title: survey.title,
    summary: survey.summary,
    forWhom: t(`outreach.poster.for.${survey.audience}`),
    time: t("outreach.poster.time", { count: survey.estimatedMinutes }),
    cta: t("outreach.poster.cta"),
    scan: t("outreach.poster.scan"),
    type: t("outreach.poster.type"),
    anonymous: t("outreach.poster.anonymous"),
    address,
    qr: await linkQr(address.url),
  };
}

export type Poster = NonNullable<Awaited<ReturnType<typeof posterFor>>>;
