import fs from "node:fs";
import path from "node:path";

/**
 * Easy Read pictures, public/pictures/<question key>.svg: simple drawings made for this project and
 * shipped under its licence. They sit beside words that say the same thing, so they are decorative.
 */
const pictures = new Set(
  fs.existsSync(path.resolve("public/pictures")) ? fs.readdirSync(path.resolve("public/pictures")).map((file) => file.replace(/\.svg$/, "")) : [],
);

export function pictureFor(key: string): string | null {
  return pictures.has(key) ? `/pictures/${key}.svg` : null;
}
