/** Where each sealed account value lives; also the AAD that binds the ciphertext to its column. */
export const encryptedAccountFields = {
  email: 'accounts.email_enc',
  firstName: 'accounts.first_name_enc',
  lastName: 'accounts.last_name_enc',
} as const;

/** How long emailed links work. */
export const linkValidity = { verifyEmail: 'PT48H', resetPassword: 'PT1H' } as const;
