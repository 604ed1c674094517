/**
 * Set by esbuild.js (`define`): false in the production bundle (--production), true in the
 * development and test builds; undefined where no bundler ran (tsx, the unit tests). Written
 * inline as `(typeof INCLUDE_TEST_HOOKS === 'undefined' || INCLUDE_TEST_HOOKS) && …`, never kept
 * in a variable, so that the minifier sees `false && …` and drops the test hooks behind it
 * (src/testHooks.ts; test/package/testHooks.test.ts checks).
 */
declare const INCLUDE_TEST_HOOKS: boolean | undefined;
