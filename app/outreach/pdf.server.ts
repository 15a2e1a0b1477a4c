import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { easyRead } from "../i18n/config";
import { linkQrMatrix, type Poster, type PosterSize } from "./poster.server";

/**
 * Posters and pocket cards as PDF, drawn with PDFKit and set in Noto Sans (its Latin and Latin
 * Extended files from @fontsource), so offered in the languages written in the Latin alphabet.
 * Arabic and Urdu are right-to-left, which PDFKit does not lay out; for Bengali, Gujarati and
 * Punjabi, fontkit (which PDFKit shapes text with) fails on the Noto fonts' mark positions. Those
 * languages print from the browser, whose print window can also save a PDF.
 */

export const pdfLanguages = new Set<string>(["en", easyRead, "pl", "ro", "pt", "es", "it"]);

const resolve = createRequire(import.meta.url).resolve;
const weights = [400, 700] as const;
type Weight = (typeof weights)[number];
type Face = "latin" | "latinExt";
const fontName = (face: Face, weight: Weight) => `${face}-${weight}`;

function registerFonts(doc: PDFKit.PDFDocument) {
  for (const weight of weights) {
    doc.registerFont(fontName("latin", weight), resolve(`@fontsource/noto-sans/files/noto-sans-latin-${weight}-normal.woff`));
    doc.registerFont(fontName("latinExt", weight), resolve(`@fontsource/noto-sans/files/noto-sans-latin-ext-${weight}-normal.woff`));
  }
}

/** Which of the two files draws a character: Latin Extended (ł, ș, ő ...) or Latin. */
const faceOf = (cp: number): Face =>
  ((cp >= 0x0100 && cp <= 0x024f) || (cp >= 0x1e00 && cp <= 0x1eff) || (cp >= 0x2c60 && cp <= 0x2c7f) || (cp >= 0xa720 && cp <= 0xa7ff)) &&
  ![0x0131, 0x0152, 0x0153].includes(cp)
    ? "latinExt"
    : "latin";

/** The text cut into runs of one font each; a space stays with the run it is in. */
export function fontRuns(text: string): { face: Face; text: string }[] {
  const runs: { face: Face; text: string }[] = [];
  for (const char of text) {
    const last = runs[runs.length - 1];
    const face = char === " " && last ? last.face : faceOf(char.codePointAt(0)!);
    if (last && last.face === face) last.text += char;
    else runs.push({ face, text: char });
  }
  return runs;
}

interface TextStyle {
  size: number;
  weight?: Weight;
  color?: string;
  width: number;
  gap?: number;
}

/** A word's runs with the width each takes at the current size. */
function measured(doc: PDFKit.PDFDocument, word: string, weight: Weight) {
  return fontRuns(word).map((run) => ({ ...run, width: doc.font(fontName(run.face, weight)).widthOfString(run.text) }));
}

/**
 * One paragraph at (x, y), broken into lines between words by its own measure (PDFKit would also
 * break where one font gives way to the next, in the middle of "usługi"); returns where the next
 * paragraph starts.
 */
function paragraph(doc: PDFKit.PDFDocument, text: string, x: number, y: number, style: TextStyle): number {
  const weight = style.weight ?? 400;
  doc.fillColor(style.color ?? "#0b0c0c").fontSize(style.size);
  const space = doc.font(fontName("latin", weight)).widthOfString(" ");
  const lines: ReturnType<typeof measured>[][] = [[]];
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const runs = measured(doc, word, weight);
    const width = runs.reduce((sum, run) => sum + run.width, 0);
    const line = lines[lines.length - 1];
    if (line.length > 0 && used + space + width > style.width) {
      lines.push([runs]);
      used = width;
    } else {
      line.push(runs);
      used += (line.length > 1 ? space : 0) + width;
    }
  }
  const lineHeight = style.size * 1.3;
  lines.forEach((line, index) => {
    let at = x;
    for (const word of line) {
      for (const run of word) {
        doc.font(fontName(run.face, weight)).text(run.text, at, y + index * lineHeight, { lineBreak: false });
        at += run.width;
      }
      at += space;
    }
  });
  return y + lines.length * lineHeight + (style.gap ?? 0);
}

/** The largest size up to `most` at which the text fits the width on one line. */
function fittingSize(doc: PDFKit.PDFDocument, text: string, width: number, most: number): number {
  const wide = doc.font(fontName("latin", 700)).fontSize(most).widthOfString(text);
  return wide <= width ? most : Math.floor((most * width) / wide);
}

/** The QR code as filled squares, with its quiet zone, `size` points square. */
function qr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, size: number) {
  const matrix = linkQrMatrix(url);
  const quiet = 4;
  const module = size / (matrix.size + quiet * 2);
  doc.rect(x, y, size, size).fill("#ffffff");
  for (let row = 0; row < matrix.size; row++)
    for (let col = 0; col < matrix.size; col++) if (matrix.dark(col, row)) doc.rect(x + (col + quiet) * module, y + (row + quiet) * module, module, module);
  doc.fill("#0b0c0c");
}

const BRAND = "#1d5c63";
const MM = 72 / 25.4;

function drawPoster(doc: PDFKit.PDFDocument, poster: Poster) {
  const margin = 16 * MM;
  const width = doc.page.width - margin * 2;
  doc.rect(0, 0, doc.page.width, 10 * MM).fill(BRAND);
  let y = 22 * MM;
  y = paragraph(doc, poster.cta, margin, y, { size: 20, weight: 700, color: BRAND, width, gap: 8 });
  y = paragraph(doc, poster.title, margin, y, { size: 34, weight: 700, width, gap: 10 });
  y = paragraph(doc, poster.summary, margin, y, { size: 15, width, gap: 12 });
  for (const fact of [poster.forWhom, poster.time, poster.anonymous]) y = paragraph(doc, `•  ${fact}`, margin, y, { size: 15, width, gap: 4 });
  y = paragraph(doc, poster.scan, margin, y + 14, { size: 14, weight: 700, width, gap: 4 });
  const side = 70 * MM;
  qr(doc, poster.address.url, margin, y, side);
  y = paragraph(doc, poster.type, margin, y + side + 10, { size: 14, weight: 700, width, gap: 4 });
  paragraph(doc, poster.address.short, margin, y, { size: fittingSize(doc, poster.address.short, width, 30), weight: 700, width });
}

function drawCards(doc: PDFKit.PDFDocument, poster: Poster) {
  const [cardWidth, cardHeight, margin, gutter] = [90 * MM, 62 * MM, 10 * MM, 4 * MM];
  const inset = 4 * MM;
  const side = 30 * MM;
  for (let index = 0; index < 8; index++) {
    const x = margin + (index % 2) * (cardWidth + gutter);
    const y = margin + Math.floor(index / 2) * (cardHeight + gutter);
    doc.save().lineWidth(0.5).dash(3, { space: 3 }).rect(x, y, cardWidth, cardHeight).stroke("#0b0c0c").restore();
    const textWidth = cardWidth - side - inset * 3;
    let at = paragraph(doc, poster.title, x + inset, y + inset, { size: 11, weight: 700, width: textWidth, gap: 4 });
    at = paragraph(doc, poster.forWhom, x + inset, at, { size: 8.5, width: textWidth });
    at = paragraph(doc, poster.time, x + inset, at, { size: 8.5, width: textWidth, gap: 4 });
    paragraph(doc, poster.address.short, x + inset, at, { size: fittingSize(doc, poster.address.short, textWidth, 11), weight: 700, width: textWidth });
    qr(doc, poster.address.url, x + cardWidth - side - inset, y + inset, side);
  }
}

/** The poster or sheet of cards as a PDF file. */
export function posterPdf(poster: Poster, size: PosterSize): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 0, info: { Title: poster.title, Subject: poster.address.short }, lang: poster.lang });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolveBuffer, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolveBuffer(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  registerFonts(doc);
  if (size === "card") drawCards(doc, poster);
  else drawPoster(doc, poster);
  doc.end();
  return done;
}
