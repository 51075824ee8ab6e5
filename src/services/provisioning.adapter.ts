/**
 * The provider's provisioning system (control panel, hypervisor, licence server). Custodian only
 * talks to it through this interface; the built-in local implementation behaves like one.
 */
export interface ProvisioningAdapter {
  readonly name: string;
}

export function createLocalProvisioningAdapter(options: { readonly now: () => Date }): ProvisioningAdapter {
  void options;
  return { name: 'local' };
}
