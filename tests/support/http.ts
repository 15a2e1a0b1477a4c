import net from "node:net";
import { SMTPServer } from "smtp-server";

/** A port nothing listens on yet, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface CaughtMail {
  to: string[];
  body: string;
}

/** A local SMTP server that accepts every message and keeps it, for tests of what the built server sends. */
export async function startMailCatcher(): Promise<{ port: number; caught: CaughtMail[]; close: () => Promise<void> }> {
  const port = await freePort();
  const caught: CaughtMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let body = "";
      stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
      stream.on("end", () => {
        caught.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), body });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, "127.0.0.1", resolve));
  return { port, caught, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}

/** The cookies a browser would keep between requests to the built server. */
export class Jar {
  cookies = new Map<string, string>();
  store(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(";");
      const [name, ...value] = pair.split("=");
      this.cookies.set(name, value.join("="));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** Posts a form as a browser would without JavaScript, keeping the cookies it sets. */
export async function postForm(url: string, form: Record<string, string>, jar?: Jar) {
  const response = await fetch(url, { method: "POST", body: new URLSearchParams(form), headers: jar ? { Cookie: jar.header() } : {}, redirect: "manual" });
  jar?.store(response);
  return response;
}
