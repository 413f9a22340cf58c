import { type DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
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
 * Serves the single-page app at `/`: its files, and `index.html` for every client route
 * (`/calendar`, `/posts/:id`, ...). The API and the calendar feeds are never shadowed.
 */
@Module({})
export class WebModule {
  /** Without a build (an API-only checkout that never ran `npm run build`) nothing is served at `/`. */
  static forRoot(directory = webAppDirectory()): DynamicModule {
    if (!existsSync(join(directory, 'index.html'))) return { module: WebModule, controllers: [DemoLoginsController] };
    return {
      module: WebModule,
      controllers: [DemoLoginsController],
      imports: [
        ServeStaticModule.forRoot({
          rootPath: directory,
          exclude: ['/api/{*path}', '/feeds/{*path}'],
          serveStaticOptions: { index: false, fallthrough: true, maxAge: '1y', immutable: true, setHeaders: noCacheForHtml },
        }),
      ],
    };
  }
}

/** Hashed assets are cached for a year; the page that names them must always be fresh. */
function noCacheForHtml(res: { setHeader(name: string, value: string): void }, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
