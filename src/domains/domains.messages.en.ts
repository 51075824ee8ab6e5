/** English messages of domains. */
export const domainsMessages = {
} as const;
