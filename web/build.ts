/**
 * Builds the web pages: the app and its session worker bundled by esbuild with content-hashed
 * names, the stylesheet, and `index.html` pointing at them. The local stack serves the result
 * from memory (local/web.ts); the CDK app writes it to a directory and deploys it to S3
 * (lib/constructs/web.ts). One build, so what the browser tests see is what is deployed.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildSync, type BuildOptions } from 'esbuild';

const webRoot = import.meta.dirname;

export interface WebFile {
  readonly contentType: string;
  readonly body: Buffer;
}

/** The built site: path (as the browser asks for it) to file. */
export type WebSite = ReadonlyMap<string, WebFile>;

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

const typeOf = (path: string) => contentTypes[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';

const hashed = (name: string, body: Buffer) => {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}-${hash}${name.slice(dot)}`;
};

const bundle = (entry: string, format: 'esm' | 'iife'): Buffer => {
  const options: BuildOptions = {
    entryPoints: [join(webRoot, 'src', entry)],
    bundle: true,
    write: false,
    format,
    platform: 'browser',
    target: ['chrome120', 'firefox120', 'safari16'],
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    absWorkingDir: join(webRoot, '..'),
    tsconfig: join(webRoot, 'tsconfig.json'),
    logLevel: 'error',
  };
  const result = buildSync(options);
  const [file] = result.outputFiles ?? [];
  if (file === undefined) throw new Error(`web build: ${entry} produced nothing`);
  return Buffer.from(file.contents);
};

/** Builds the site in memory (about 0.2 s). */
export const buildWeb = (config: { readonly stage: string; readonly apiBaseUrl?: string }): WebSite => {
  const app = bundle('main.tsx', 'esm');
  const worker = bundle('session/worker.ts', 'iife');
  const css = readFileSync(join(webRoot, 'assets', 'app.css'));
  const favicon = readFileSync(join(webRoot, 'assets', 'favicon.svg'));
  const appPath = `/assets/${hashed('app.js', app)}`;
  const workerPath = `/assets/${hashed('session-worker.js', worker)}`;
  const cssPath = `/assets/${hashed('app.css', css)}`;
  const faviconPath = `/assets/${hashed('favicon.svg', favicon)}`;
  const index = readFileSync(join(webRoot, 'index.html'), 'utf8')
    .replaceAll('%APP%', appPath)
    .replaceAll('%CSS%', cssPath)
    .replaceAll('%FAVICON%', faviconPath)
    .replaceAll('%WORKER%', workerPath);
  const site = new Map<string, WebFile>([
    ['/index.html', { contentType: typeOf('.html'), body: Buffer.from(index) }],
    ['/config.json', { contentType: typeOf('.json'), body: Buffer.from(JSON.stringify({ apiBaseUrl: config.apiBaseUrl ?? '', stage: config.stage })) }],
    [appPath, { contentType: typeOf(appPath), body: app }],
    [workerPath, { contentType: typeOf(workerPath), body: worker }],
    [cssPath, { contentType: typeOf(cssPath), body: css }],
    [faviconPath, { contentType: typeOf(faviconPath), body: favicon }],
  ]);
  return site;
};

/** Writes the site to a directory (the CDK app's asset); `config.json` is left to the deployment. */
export const writeWeb = (site: WebSite, outDir: string): void => {
  for (const [path, file] of site) {
    if (path === '/config.json') continue;
    const target = join(outDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.body);
  }
};
