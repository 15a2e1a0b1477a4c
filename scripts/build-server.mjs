// Bundles server/index.ts (with the migrations and demo data it needs) into build/server.js.
// Node 20 cannot run .ts files, so everything the server imports from this repo is compiled in;
// packages from node_modules stay external.
import { build } from "esbuild";

await build({
  entryPoints: ["server/index.ts"],
  outfile: "build/server.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
