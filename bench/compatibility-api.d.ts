/**
 * The few types the benchmark uses from `@signalwire/compatibility-api` 3.2.0: its own typings
 * (compatibility-api.d.ts) are not reachable through its package.json "exports" under
 * `moduleResolution: Bundler`.
 */
declare module '@signalwire/compatibility-api' {
	interface MessageInstance {
		sid: string;
		status: string;
	}
	interface CompatibilityApi {
		api: { baseUrl: string };
		messages: {
			create(options: { to: string; from?: string; body?: string; mediaUrl?: string | string[] }): Promise<MessageInstance>;
		};
	}
	export function RestClient(project: string, token: string, options?: { signalwireSpaceUrl?: string }): CompatibilityApi;
}
