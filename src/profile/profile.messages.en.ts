/** English messages of profile. */
export const profileMessages = {
} as const;
