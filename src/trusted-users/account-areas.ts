/** The parts of an account an owner can open to a trusted user, one grant each. */
export const accountAreas = ['profile', 'contacts', 'services', 'domains', 'billing', 'support', 'privacy'] as const;
export type AccountArea = (typeof accountAreas)[number];

/** The stored areas this code knows; an area dropped from the list simply stops being granted. */
export function knownAreas(areas: readonly string[]): AccountArea[] {
  return areas.filter((area): area is AccountArea => (accountAreas as readonly string[]).includes(area));
}
