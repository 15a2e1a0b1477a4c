import { spawn } from "node:child_process";
import { repoRoot } from "../setup/paths";

/** Runs `db/cli.ts` as an operator runs it (`npm run <script>` is `tsx db/cli.ts <command>`), with its own environment. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "db/cli.ts", ...args], {
      cwd: repoRoot,
      // The test run's own database stays out of it (spawn leaves out a variable set to undefined): the command gets only what it is given.
      env: { ...process.env, DATABASE_URL: undefined, DATABASE_PATH: undefined, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
