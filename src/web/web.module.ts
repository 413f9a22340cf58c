import { Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DemoLoginsController } from './demo-logins.controller';

/**
 * Where `vite build` puts the web app: `dist/web`. Compiled, this file lives in `dist/src/web`;
 * run from source (ts-node, the tests) it lives in `src/web` and the build is under `dist/`.
 */
export function webAppDirectory(): string {
  return __filename.endsWith('.js') ? join(__dirname, '..', '..', 'web') : join(__dirname, '..', '..', 'dist', 'web');
}

/**
 * Paths the web app never answers: the API (its own JSON 404s and errors), the calendar feeds and signed media URLs.
 */
function isServerPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path.startsWith('/feeds/') || path.startsWith('/media/');
}

/**
 * Serves the single-page app at `/`: its hashed assets (cached for a year) and `index.html`
 * (never cached) for every client route (`/calendar`, `/posts/:id`, ...). Plain Express
 * middleware rather than @nestjs/serve-static, whose error handler turns every error on an
 * excluded path (a malformed JSON body on /api, say) into a 404. Without a build (an
 * API-only checkout that never ran `npm run build`) nothing is served at `/`.
 */
export function serveWebApp(app: NestExpressApplication, directory = webAppDirectory()): void {
  const index = join(directory, 'index.html');
  if (!existsSync(index)) return;
  const assets = express.static(directory, { index: false, maxAge: '1y', immutable: true, fallthrough: true });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isServerPath(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    assets(req, res, () => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index, (error?: Error) => (error ? next(error) : undefined));
    });
  });
}

@Module({ controllers: [DemoLoginsController] })
export class WebModule {}
