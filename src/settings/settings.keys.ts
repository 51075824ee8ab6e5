/** Names of the run-time settings; values are validated where they are written. */
export const settingKeys = {
  requireStaffTwoFactor: 'staff.require_two_factor',
} as const;
