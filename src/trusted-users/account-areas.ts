/** The parts of an account an owner can open to a trusted user, one grant each. */
export const accountAreas = ['profile', 'contacts', 'services', 'domains', 'billing', 'support', 'privacy'] as const;
export type AccountArea = (typeof accountAreas)[number];
