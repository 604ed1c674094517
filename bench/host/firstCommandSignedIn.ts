/** In-host suite: bench/host/firstCommand.ts, signed in before the first command (window 2). */
export { runSignedIn as run } from './firstCommand';
