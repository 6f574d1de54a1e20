/**
 * The zod every function bundles: zod/mini, whose functions esbuild can leave out when unused and
 * whose schemas are plain objects, instead of classic zod, whose every schema carries its whole
 * chainable API (classic zod alone was about 85 KB and 7 ms of each function's cold start; see
 * docs/performance.md). The issues and their messages are the same: both are zod's core, here
 * with its English messages, which classic zod sets on import and zod/mini leaves to the caller.
 *
 * Classic zod is still fine where nothing is bundled into a function (tests, the local stack's
 * own endpoints), and schemas of both kinds mix: each is a zod core schema.
 *
 * Building schemas is most of what a function's import costs besides the SDK, and a function
 * needs one route's; so every schema and route definition in system/schemas and system/routes
 * is written `export const x = /* @__PURE__ *\/ (() => …)();`. It runs exactly as a plain
 * `export const x = …;` does, but esbuild may drop it, with everything only it refers to, from a
 * bundle that does not use it. Without the annotation esbuild takes any call, zod's included,
 * for a side effect and keeps it (and a `@__NO_SIDE_EFFECTS__` helper works only inside its own
 * file). A definition without it is built in every function of its area: 1.5 to 10 ms of cold
 * start per area (docs/performance.md, section 1.1).
 */
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

export * from 'zod/mini';
