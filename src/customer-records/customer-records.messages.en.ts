/** English messages of customer-records. */
export const customerRecordsMessages = {
} as const;
