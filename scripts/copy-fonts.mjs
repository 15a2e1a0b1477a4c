// Copies the Noto fonts for scripts most computers lack into public/fonts, with one small stylesheet
// per language. Pages link a language's stylesheet only when they are in that language.
import fs from "node:fs";
import path from "node:path";

const fonts = [
  { lang: "pa", family: "Noto Sans Gurmukhi", pkg: "noto-sans-gurmukhi", subset: "gurmukhi", weights: [400, 700] },
  { lang: "bn", family: "Noto Sans Bengali", pkg: "noto-sans-bengali", subset: "bengali", weights: [400, 700] },
  { lang: "gu", family: "Noto Sans Gujarati", pkg: "noto-sans-gujarati", subset: "gujarati", weights: [400, 700] },
  // Nastaliq is how Urdu is written and read; Naskh-only fonts look foreign to Urdu readers.
  { lang: "ur", family: "Noto Nastaliq Urdu", pkg: "noto-nastaliq-urdu", subset: "arabic", weights: [400, 700] },
];

const out = path.resolve("public/fonts");
fs.mkdirSync(out, { recursive: true });
for (const font of fonts) {
  const files = path.resolve("node_modules/@fontsource", font.pkg, "files");
  const faces = font.weights.map((weight) => {
    const file = `${font.pkg}-${font.subset}-${weight}-normal.woff2`;
    fs.copyFileSync(path.join(files, file), path.join(out, file));
    return `@font-face{font-family:"${font.family}";font-style:normal;font-weight:${weight};font-display:swap;src:url(/fonts/${file}) format("woff2")}`;
  });
  // Latin letters and digits in these pages stay in the site's usual font; only the script changes.
  // Staff pages show a language's text inside an English page (a translation, a preview, an answer): its own element says lang.
  const use =
    `html[lang="${font.lang}"] body,html[lang="${font.lang}"] body *:not(svg *),[lang="${font.lang}"],[lang="${font.lang}"] *:not(svg *){font-family:"${font.family}",arial,sans-serif}` +
    // Nastaliq rises and falls far more than Latin letters: lines need much more room.
    (font.lang === "ur"
      ? `html[lang="ur"] body *:not(svg *){line-height:2.2}html[lang="ur"] :is(.govuk-select,.govuk-input){block-size:auto;padding-block:2px}`
      : "");
  fs.writeFileSync(path.join(out, `${font.lang}.css`), `${faces.join("\n")}\n${use}\n`);
}
console.log(`fonts: ${fonts.map((font) => font.lang).join(", ")} copied to public/fonts`);
