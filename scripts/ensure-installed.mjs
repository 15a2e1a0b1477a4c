// Lets `npm start` and `npm test` work straight after a clone: installs the locked
// dependencies when node_modules is missing or older than package-lock.json.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const marker = "node_modules/.package-lock.json";
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync("package-lock.json").mtimeMs;
if (stale) {
  console.log("Installing dependencies from package-lock.json (first run only)…");
  // `npm ci` cannot be used: the lockfile omits optional packages for other platforms.
  const result = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { stdio: "inherit" });
  process.exit(result.status ?? 1);
}
