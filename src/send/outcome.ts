/**
 * What one send attempt produced, as recorded by history and shown to the user. No `vscode`
 * import, and never the token: only the request fields, the profile and the answer.
 */
import type { Profile } from '../credentials/profile';
import type { CreateMessageParams, Message } from '../core/types';

/** A failure, reduced to what can be stored and shown. */
export interface SendFailure {
	/** The error's kind: `api`, `network`, `timeout`, `unexpected-response`, `space-url`, `validation`. */
	kind: string;
	/** Plain-language message (never contains the token). */
	message: string;
	httpStatus?: number;
	/** SignalWire's error code, e.g. 21211. */
	code?: number;
	moreInfo?: string;
}

export interface SendOutcome {
	/** Local id of this attempt. */
	id: string;
	profile: Pick<Profile, 'id' | 'spaceUrl' | 'projectId'>;
	params: CreateMessageParams;
	startedAt: number;
	finishedAt: number;
	message?: Message;
	error?: SendFailure;
	/** Sent by a conversation test run (src/testing/). */
	testRun?: boolean;
}
