/**
 * When to poll a Space's message list for replies. A Space is active for a while after a send
 * (`listenMs`) and while one of its conversation panels is visible; otherwise nothing is
 * scheduled and no request is made. One poll per Space at a time (never one per number or thread):
 * quick at first (`initialMs`), then each poll that finds nothing waits `factor` times longer, up
 * to `maxMs`. Something new (a send, a panel shown, a reply found) starts quick again. A failed
 * poll backs off (a 429 straight to `maxMs`) and is reported once until a poll succeeds.
 * Pure: timers and clock are injected; unit-tested in plain mocha.
 */

export interface PollTiming {
	/** First wait after something new. Default 3000. */
	initialMs: number;
	/** Longest wait. Default 60000. */
	maxMs: number;
	/** Growth of the wait after a poll that found nothing. Default 1.5. */
	factor: number;
}

export const DEFAULT_POLL_TIMING: Readonly<PollTiming> = { initialMs: 3000, maxMs: 60_000, factor: 1.5 };

export interface PollSchedulerDeps<Handle = unknown> {
	/** One list request (and its pages) for the Space; resolves to how many new messages it found. */
	poll(space: string): Promise<number>;
	/** How long a send keeps its Space active (ms), read at each send. */
	listenMs(): number;
	now(): number;
	setTimer(callback: () => void, ms: number): Handle;
	clearTimer(handle: Handle): void;
	/** A poll failed; `first` is true for the first failure since the last success. */
	onError?(space: string, error: unknown, first: boolean, nextDelayMs: number): void;
	/** A poll succeeded after failures. */
	onRecovered?(space: string): void;
	/** Whether an error is a rate limit (429): the wait jumps to `maxMs`. */
	isRateLimit?(error: unknown): boolean;
	timing?: Partial<PollTiming>;
}

interface SpaceState<Handle> {
	listenUntil: number;
	visible: Set<string>;
	delayMs: number;
	timer: Handle | undefined;
	dueAt: number;
	polling: boolean;
	failing: boolean;
}

export class PollScheduler<Handle = unknown> {
	private readonly spaces = new Map<string, SpaceState<Handle>>();
	private timing: PollTiming;
	private disposed = false;
	private _polls = 0;

	constructor(private readonly deps: PollSchedulerDeps<Handle>) {
		this.timing = { ...DEFAULT_POLL_TIMING, ...deps.timing };
	}

	/** Polls started so far (all Spaces). */
	get polls(): number {
		return this._polls;
	}

	setTiming(timing: Partial<PollTiming>): void {
		this.timing = { ...this.timing, ...timing };
	}

	/** A message was sent with this Space: listen for replies for `listenMs` from now. */
	noteSend(space: string): void {
		const listenMs = Math.max(0, this.deps.listenMs());
		if (listenMs === 0) {
			return;
		}
		const state = this.state(space);
		state.listenUntil = Math.max(state.listenUntil, this.deps.now() + listenMs);
		this.quicken(space, state);
	}

	/** A conversation panel of this Space became visible (true) or hidden or closed (false). */
	setVisible(space: string, panelId: string, visible: boolean): void {
		const state = this.state(space);
		if (visible) {
			const wasVisible = state.visible.has(panelId);
			state.visible.add(panelId);
			if (!wasVisible) {
				this.quicken(space, state);
			}
		} else {
			state.visible.delete(panelId);
		}
	}

	isActive(space: string): boolean {
		const state = this.spaces.get(space);
		return !!state && (state.visible.size > 0 || this.deps.now() < state.listenUntil);
	}

	/** Whether a poll is scheduled or running for the Space. */
	isScheduled(space: string): boolean {
		const state = this.spaces.get(space);
		return !!state && (state.timer !== undefined || state.polling);
	}

	/** The wait before the Space's next poll (what the last poll left), or undefined when idle. */
	currentDelay(space: string): number | undefined {
		const state = this.spaces.get(space);
		return state && this.isScheduled(space) ? state.delayMs : undefined;
	}

	/** Stops listening to every Space (after a send) and cancels their timers; visible panels stay counted. */
	stopListening(): void {
		for (const [space, state] of this.spaces) {
			state.listenUntil = 0;
			if (!this.isActive(space) && state.timer !== undefined) {
				this.deps.clearTimer(state.timer);
				state.timer = undefined;
			}
		}
	}

	dispose(): void {
		this.disposed = true;
		for (const state of this.spaces.values()) {
			if (state.timer !== undefined) {
				this.deps.clearTimer(state.timer);
				state.timer = undefined;
			}
		}
	}

	private state(space: string): SpaceState<Handle> {
		let state = this.spaces.get(space);
		if (!state) {
			state = {
				listenUntil: 0,
				visible: new Set(),
				delayMs: this.timing.initialMs,
				timer: undefined,
				dueAt: 0,
				polling: false,
				failing: false,
			};
			this.spaces.set(space, state);
		}
		return state;
	}

	/** Something new: the next poll comes within `initialMs` (unless one is running or failing). */
	private quicken(space: string, state: SpaceState<Handle>): void {
		if (this.disposed) {
			return;
		}
		if (!state.failing) {
			state.delayMs = this.timing.initialMs;
		}
		if (state.polling) {
			return; // it schedules the next when done, with the delay just set
		}
		const dueAt = this.deps.now() + state.delayMs;
		if (state.timer !== undefined && state.dueAt <= dueAt) {
			return;
		}
		this.schedule(space, state, state.delayMs);
	}

	private schedule(space: string, state: SpaceState<Handle>, delayMs: number): void {
		if (state.timer !== undefined) {
			this.deps.clearTimer(state.timer);
		}
		state.dueAt = this.deps.now() + delayMs;
		state.timer = this.deps.setTimer(() => {
			state.timer = undefined;
			void this.run(space, state);
		}, delayMs);
	}

	private async run(space: string, state: SpaceState<Handle>): Promise<void> {
		if (this.disposed || state.polling) {
			return;
		}
		if (!this.isActive(space)) {
			state.delayMs = this.timing.initialMs;
			return; // idle: nothing scheduled until something new
		}
		state.polling = true;
		this._polls++;
		const delayBefore = state.delayMs;
		try {
			const found = await this.deps.poll(space);
			if (state.failing) {
				state.failing = false;
				this.deps.onRecovered?.(space);
			}
			// A reply found, or something new during the poll (the delay was reset): quick again.
			state.delayMs =
				found > 0 || state.delayMs < delayBefore
					? this.timing.initialMs
					: Math.min(this.timing.maxMs, Math.round(state.delayMs * this.timing.factor));
		} catch (error) {
			const first = !state.failing;
			state.failing = true;
			state.delayMs = this.deps.isRateLimit?.(error)
				? this.timing.maxMs
				: Math.min(this.timing.maxMs, Math.max(this.timing.initialMs, state.delayMs * 2));
			this.deps.onError?.(space, error, first, state.delayMs);
		} finally {
			state.polling = false;
		}
		if (!this.disposed && this.isActive(space)) {
			this.schedule(space, state, state.delayMs);
		} else {
			state.delayMs = this.timing.initialMs;
		}
	}
}
