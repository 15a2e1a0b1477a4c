/** How long a password may be, shared by the server's check and the forms' hints. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
