import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const assetTypes: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

/** Finds the assets folder both from src (tests, tsx) and from dist (built package). */
function assetsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'assets'), path.join(here, '..', '..', 'src', 'http', 'assets')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'custodian.css')));
  if (!found) throw new Error(`Static assets not found in ${candidates.join(' or ')}`);
  return found;
}

/** Static files are read once at start and served with a content hash as ETag. */
export function registerAssetRoutes(app: FastifyInstance): void {
  const dir = assetsDir();
  for (const name of fs.readdirSync(dir)) {
    const type = assetTypes[path.extname(name)];
    if (!type) continue;
    const body = fs.readFileSync(path.join(dir, name));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`;
    app.get(`/assets/${name}`, async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300').header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type(type).send(body);
    });
  }
}
