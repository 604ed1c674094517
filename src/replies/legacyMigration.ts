/**
 * Moves an old `conversations.json` into the history journal once (src/replies/legacyConversations.ts
 * does the moving): what it moved in the log, a damaged file kept aside and reported in a warning.
 * Run by src/replies/replyService.ts on its first load.
 */
import * as vscode from 'vscode';
import type { CredentialStore } from '../credentials/credentialStore';
import { describeError } from '../errors/presentation';
import type { HistoryService } from '../history/historyService';
import type { Logger } from '../util/logger';
import { migrateLegacyConversations, type LegacyReport } from './legacyConversations';

export interface LegacyMigrationOptions {
	storageDir: string;
	credentials: Pick<CredentialStore, 'profiles'>;
	history: Pick<HistoryService, 'received' | 'size'>;
	logger: Pick<Logger, 'info' | 'warn'>;
	/** The `signalwire.history.maxEntries` setting, read after the move. */
	maxEntries: () => number;
}

/** Moves an old `conversations.json` into the journal once; a damaged one is kept aside and reported. */
export async function moveLegacyConversations(options: LegacyMigrationOptions): Promise<void> {
	const { history, logger } = options;
	let report: LegacyReport;
	try {
		report = await migrateLegacyConversations(options.storageDir, history.received, {
			profiles: await options.credentials.profiles(),
		});
	} catch (error) {
		logger.warn(
			`Conversations: could not move the old conversations file into the history: ${describeError(error)}`,
		);
		return;
	}
	if (report.outcome === 'migrated') {
		const moved = `${report.messages} message(s) of the old conversations file`;
		logger.info(`Conversations: ${moved} moved into the history (${report.added} new).`);
		const kept = options.maxEntries();
		if (history.size >= kept) {
			const where = report.migratedFile ?? report.backupFile;
			const bound = `the history keeps the newest ${kept} messages (signalwire.history.maxEntries)`;
			logger.warn(`Conversations: ${bound}; older ones of the old conversations file are only in ${where}.`);
		}
	}
	if (report.backupFile) {
		const skipped = `${report.skipped} unreadable message(s) of the old conversations file were skipped`;
		logger.warn(`Conversations: ${skipped}; the damaged file was kept as ${report.backupFile}.`);
		void vscode.window.showWarningMessage(
			vscode.l10n.t(
				'The old SignalWire conversations file was damaged: {0} unreadable message(s) were skipped and the rest moved into the history. The damaged file was saved as {1}.',
				report.skipped,
				report.backupFile,
			),
		);
	}
}
