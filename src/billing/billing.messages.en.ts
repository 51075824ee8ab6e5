/** English messages of billing. */
export const billingMessages = {
} as const;
