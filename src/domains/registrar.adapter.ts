/** The registrar or registry connection (EPP or a reseller API) behind one interface; built-in: a local test registry. */
export interface RegistrarAdapter {
  readonly name: string;
}

export function createLocalRegistrarAdapter(options: { readonly now: () => Date }): RegistrarAdapter {
  void options;
  return { name: 'local' };
}
