/** English messages of community. */
export const communityMessages = {
} as const;
