/**
 * `npm run sandbox`: runs the sandbox alone until SIGINT/SIGTERM (see sandbox/README.md and ./serve.ts).
 *   npx tsx sandbox/cli.ts [--port N] [--host 127.0.0.1|::1] [--project-id UUID] [--token T]
 *     [--signing-key K] [--status-progression time|fetch] [--status-step-ms N] [--reply-delay-ms N]
 * Prints one line of JSON first: {"url":…,"projectId":…,"token":…,"signingKey":…}.
 */
import { serve } from './serve';

serve(process.argv.slice(2)).catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
