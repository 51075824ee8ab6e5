/** English messages of trusted-users. */
export const trustedUsersMessages = {
} as const;
