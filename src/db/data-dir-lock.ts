import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error.js';

/**
 * PGlite allows one process per data directory. The lock file holds the owner's pid; a lock whose
 * process is gone is stale and taken over, a live one stops the second process with a clear message.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'custodian.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new AppError('DATA_DIR_LOCKED', `The data directory ${dataDir} is in use by process ${holder}. Stop it first, or set CUSTODIAN_DATA_DIR to another directory.`);
      }
      if (holder === process.pid) {
        throw new AppError('DATA_DIR_LOCKED', `The data directory ${dataDir} is already open in this process.`);
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new AppError('DATA_DIR_LOCKED', `Could not lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
