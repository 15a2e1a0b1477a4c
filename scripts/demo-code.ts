// Demo mode only: prints the code an authenticator app would show now for a demo account with a
// second factor, so that anyone trying the demo can sign in as its administrator or lead.
//   npm run demo:code -- admin@example.org
import { generate } from "otplib";
import { demoUsers } from "../db/seed/demo";

const email = process.argv[2] ?? "admin@example.org";
const user = demoUsers.find((candidate) => candidate.email === email);
if (!user?.totpSecret) {
  console.error(`No demo account with a second factor is called ${email}. Try ${demoUsers.flatMap((u) => (u.totpSecret ? [u.email] : [])).join(" or ")}.`);
  process.exit(1);
}
const code = await generate({ secret: user.totpSecret });
const left = 30 - (Math.floor(Date.now() / 1000) % 30);
console.log(`${code}  (the code for ${email}; a new one comes in ${left} s)`);
