/** English messages of careers. */
export const careersMessages = {
} as const;
