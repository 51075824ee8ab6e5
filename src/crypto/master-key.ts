import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config/load-config.js';
import { AppError } from '../errors/app-error.js';

/**
 * The master key comes from CUSTODIAN_MASTER_KEY. Only the embedded zero-setup database may fall
 * back to a key generated into the data directory, and says so loudly: that key sits next to the data.
 */
export function resolveMasterKey(config: Config, warn: (message: string) => void): Buffer {
  if (config.masterKey) return config.masterKey;
  if (config.database.kind === 'postgres') {
    throw new AppError('CONFIG_INVALID', 'Invalid configuration:\n  CUSTODIAN_MASTER_KEY is required with DATABASE_URL (generate one with: openssl rand -base64 32)');
  }
  const keyPath = path.join(config.dataDir, 'master.key');
  if (!fs.existsSync(keyPath)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(keyPath, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  warn(`Using a master key generated into ${keyPath}. Set CUSTODIAN_MASTER_KEY and keep it apart from the data for production.`);
  const key = Buffer.from(fs.readFileSync(keyPath, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new AppError('CONFIG_INVALID', `${keyPath} does not hold a 32-byte base64 key`);
  return key;
}
