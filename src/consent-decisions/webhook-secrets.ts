import { randomBytes } from 'node:crypto';
import { keyedHash, open, seal } from '../crypto/envelope.js';

/**
 * Signing secrets must be readable to sign, so they are sealed, not hashed: AES-256-GCM under a key
 * derived from the master key's token key, bound to the subscription's id.
 */
function sealingKey(tokensKey: Buffer): Buffer {
  return keyedHash(tokensKey, 'custodian/webhook-secrets/v1');
}

const aad = (subscriptionId: string) => `webhook_subscriptions.secret_sealed:${subscriptionId}`;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function sealWebhookSecret(tokensKey: Buffer, subscriptionId: string, secret: string): Buffer {
  return seal(sealingKey(tokensKey), Buffer.from(secret, 'utf8'), aad(subscriptionId));
}

export function openWebhookSecret(tokensKey: Buffer, subscriptionId: string, sealed: Buffer): string {
  return open(sealingKey(tokensKey), sealed, aad(subscriptionId)).toString('utf8');
}
