/** English messages of services. */
export const servicesMessages = {
} as const;
