import pino, { type Logger } from 'pino';
import type { Config } from '../config/load-config.js';

/**
 * Logs carry ids, never personal data: query strings (tokens), cookies, credentials and any body
 * field are left out by the serialisers, and known sensitive paths are redacted as a backstop.
 */
export function createLogger(level: Config['logLevel'], destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password', '*.email', '*.token', 'body', 'req.body'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}
