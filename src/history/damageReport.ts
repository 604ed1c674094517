/**
 * Tells the user that the history file was damaged: what was skipped, and where the damaged file
 * was kept. Logged always; a notification unless turned off (tests). Also runs the check of whole
 * entries that follows the load.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeError } from '../errors/presentation';
import type { Logger } from '../util/logger';
import type { HistoryStore, LoadReport } from './store';

/**
 * Checks every entry whole after the load (src/history/store.ts, `verify`); damage is backed up
 * and reported like damage found at load. Resolves to what it found, or undefined. Never rejects.
 */
export async function verifyEntries(
	store: HistoryStore,
	file: string,
	logger: Logger,
	notify: boolean,
): Promise<{ corruptLines: number; backupFile?: string } | undefined> {
	try {
		const found = await store.verify();
		if (found.corruptLines === 0) {
			return undefined;
		}
		reportHistoryDamage(
			{
				entries: store.model.size,
				lines: 0,
				truncated: false,
				compacted: found.backupFile !== undefined,
				elapsedMs: 0,
				...found,
			},
			file,
			logger,
			notify,
		);
		return found;
	} catch (error) {
		logger.warn(`History: could not check ${file}: ${describeError(error)}`);
		return undefined;
	}
}

export function reportHistoryDamage(report: LoadReport, file: string, logger: Logger, notify: boolean): void {
	const where = report.backupFile ? path.basename(report.backupFile) : undefined;
	logger.warn(
		`History: ${report.corruptLines} unreadable line(s) in ${file} were skipped` +
			(report.backupFile ? `; the damaged file was kept as ${report.backupFile}.` : '.'),
	);
	if (!notify) {
		return;
	}
	const message = where
		? vscode.l10n.t(
				'The SignalWire message history was damaged: {0} unreadable line(s) were skipped and the rest was kept. The damaged file was saved as {1}.',
				report.corruptLines,
				where,
			)
		: vscode.l10n.t(
				'The SignalWire message history was damaged: {0} unreadable line(s) were skipped and the rest was kept.',
				report.corruptLines,
			);
	const showOutput = vscode.l10n.t('Show Output');
	void vscode.window.showWarningMessage(message, showOutput).then((choice) => {
		if (choice === showOutput) {
			logger.show();
		}
	});
}
