/** Whole minutes, shared by the server's session rules (session.server.ts) and the warning before the end. */
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_WARN_MINUTES = 2;
