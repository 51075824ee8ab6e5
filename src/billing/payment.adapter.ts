/** The payment processor: hosted payment page plus signed webhooks; built-in: a local test processor. */
export interface PaymentAdapter {
  readonly name: string;
}

export function createLocalPaymentAdapter(options: { readonly now: () => Date; readonly publicUrl: string; readonly webhookSecret: Buffer }): PaymentAdapter {
  void options;
  return { name: 'local-test-processor' };
}
