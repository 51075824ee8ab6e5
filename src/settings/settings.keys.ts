/** Names of the run-time settings; values are validated where they are written. */
export const settingKeys = {
  requireStaffTwoFactor: 'staff.require_two_factor',
  /** Hash and expiry of the one-time link that creates the first owner; deleted once used. */
  firstOwnerSetup: 'setup.first_owner',
} as const;
