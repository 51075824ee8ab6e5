/** English messages of support. */
export const supportMessages = {
} as const;
