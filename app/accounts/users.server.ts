import type { DB } from "../../db/connection";
import type { Role, UserOrganisation } from "../../db/schema";
import { audit } from "./audit.server";
import { hashPassword } from "./password.server";

export const roles: Role[] = ["moderator", "safeguarding_lead", "administrator", "supporter"];
export const organisations: UserOrganisation[] = ["council", "pcf", "other"];

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function findUserByEmail(db: DB, email: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "password_hash", "disabled_at"])
    .where("email", "=", normaliseEmail(email))
    .executeTakeFirst();
}

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
  organisation: UserOrganisation;
  password: string;
}

/**
 * Adds a user; `byUserId` is the administrator who did it (null from the command line). A password
 * an administrator chose is temporary: the person changes it when they first sign in.
 */
export async function createUser(db: DB, input: NewUserInput, byUserId: number | null): Promise<number> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("users")
      .values({
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        role: input.role,
        organisation: input.organisation,
        password_hash: passwordHash,
        must_change_password: byUserId === null ? 0 : 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      userId: byUserId,
      action: "user.create",
      entity: "user",
      entityId: id,
      after: { email: normaliseEmail(input.email), name: input.name.trim(), role: input.role, organisation: input.organisation },
    });
    return id;
  });
}

export async function listUsers(db: DB) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "organisation", "disabled_at", "created_at"])
    .orderBy("disabled_at", (ob) => ob.asc().nullsFirst())
    .orderBy("name")
    .execute();
}

export async function getUser(db: DB, id: number) {
  return db.selectFrom("users").select(["id", "name", "email", "role", "organisation", "disabled_at"]).where("id", "=", id).executeTakeFirst();
}

export interface UserChange {
  role: Role;
  organisation: UserOrganisation;
  disabled: boolean;
}

/** Changes role, side and whether the account works; a disabled account's sessions end at once. */
export async function updateUser(db: DB, id: number, change: UserChange, byUserId: number, now = new Date()) {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("users").select(["role", "organisation", "disabled_at"]).where("id", "=", id).executeTakeFirstOrThrow();
    const disabledAt = change.disabled ? (before.disabled_at ?? now.toISOString()) : null;
    await trx.updateTable("users").set({ role: change.role, organisation: change.organisation, disabled_at: disabledAt }).where("id", "=", id).execute();
    if (change.disabled) await trx.deleteFrom("sessions").where("user_id", "=", id).execute();
    await audit(trx, {
      userId: byUserId,
      action: "user.update",
      entity: "user",
      entityId: id,
      before: { role: before.role, organisation: before.organisation, disabled: before.disabled_at !== null },
      after: { role: change.role, organisation: change.organisation, disabled: change.disabled },
    });
  });
}
