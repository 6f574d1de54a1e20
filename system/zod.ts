/**
 * The zod every function bundles: zod/mini, whose functions esbuild can leave out when unused and
 * whose schemas are plain objects, instead of classic zod, whose every schema carries its whole
 * chainable API (classic zod alone was about 85 KB and 7 ms of each function's cold start; see
 * docs/performance.md). The issues and their messages are the same: both are zod's core, here
 * with its English messages, which classic zod sets on import and zod/mini leaves to the caller.
 *
 * Classic zod is still fine where nothing is bundled into a function (tests, the local stack's
 * own endpoints), and schemas of both kinds mix: each is a zod core schema.
 */
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

export * from 'zod/mini';
