// Serves the page's built files (index.html and hashed assets) from one folder. Only names the
// build wrote are served: a path is resolved inside the folder and refused if it leaves it.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Writes the file for `urlPath` and returns true, or returns false when there is none. */
export function serveStatic(dir: string, urlPath: string, res: http.ServerResponse): boolean {
  const relative = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath).replace(/^\/+/, '');
  const file = path.resolve(dir, relative);
  if (!file.startsWith(`${path.resolve(dir)}${path.sep}`)) return false;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) return false;
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  // Vite names assets by content hash: they never change under one name. index.html does.
  const cache = relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  res.writeHead(200, { 'content-type': type, 'content-length': stat.size, 'cache-control': cache });
  res.end(fs.readFileSync(file));
  return true;
}
