import net from "node:net";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";
import { getDb } from "~/db.server";
import { deliverDue, enqueueMail, retryDelay } from "~/mail/outbox.server";

const db = () => getDb();

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe("the outbox", () => {
  it("keeps a message it could not deliver, logs why, and sends it on a later try", async () => {
    const port = await freePort();
    await enqueueMail(db(), "test", { to: "lead@example.org", subject: "A possible concern is waiting", text: "Sign in to read it." }, new Date());
    const logged: string[] = [];
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, connectionTimeout: 2000 });

    // Nothing listens yet: the delivery fails, and the message waits for a retry.
    expect(await deliverDue(db(), transport, "portal@example.org", new Date(), (line) => logged.push(line))).toBe(0);
    const waiting = await db().selectFrom("outbox").select(["attempts", "sent_at", "next_attempt_at", "last_error"]).executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ attempts: 1, sent_at: null });
    expect(waiting.last_error).toBeTruthy();
    expect(logged.join("\n")).toMatch(/not delivered \(attempt 1\)/);
    expect(new Date(waiting.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 50_000);

    // Before its time nothing is tried again; after it, the mail server has started and takes it.
    expect(await deliverDue(db(), transport, "portal@example.org", new Date(), (line) => logged.push(line))).toBe(0);
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _session, done) {
        let body = "";
        stream.on("data", (chunk: Buffer) => (body += chunk.toString()));
        stream.on("end", () => {
          received.push(body);
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(port, "127.0.0.1", resolve));
    try {
      const later = new Date(Date.now() + retryDelay(1) + 1000);
      expect(await deliverDue(db(), transport, "portal@example.org", later, (line) => logged.push(line))).toBe(1);
      expect(received).toHaveLength(1);
      expect(received[0]).toContain("A possible concern is waiting");
      expect((await db().selectFrom("outbox").select("sent_at").executeTakeFirstOrThrow()).sent_at).not.toBeNull();
      // Sent once: a further run sends nothing.
      expect(await deliverDue(db(), transport, "portal@example.org", later)).toBe(0);
    } finally {
      transport.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it("waits a minute after the first failure, doubling to at most an hour", () => {
    expect([1, 2, 3, 10].map(retryDelay)).toEqual([60_000, 120_000, 240_000, 3_600_000]);
  });
});
