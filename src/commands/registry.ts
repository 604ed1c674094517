import * as vscode from 'vscode';
import type { Services } from '../services';
import { sendMessage } from './sendMessage';
import { showOutput } from './showOutput';
import { signIn } from './signIn';
import { signOut } from './signOut';
import { switchSpace } from './switchSpace';

type CommandHandler = (services: Services, ...args: unknown[]) => unknown;

/**
 * Every command of the extension, by id. Each id is also in package.json `contributes.commands`;
 * a test checks both ways.
 */
export const COMMANDS: Readonly<Record<string, CommandHandler>> = {
	'signalwire.signIn': (services, argument) => signIn(services, argument),
	'signalwire.signOut': (services, argument) => signOut(services, argument),
	'signalwire.switchSpace': (services, argument) => switchSpace(services, argument),
	'signalwire.sendMessage': (services, argument) => sendMessage(services, argument),
	'signalwire.showOutput': (services) => showOutput(services),
};

export function registerCommands(services: Services): vscode.Disposable[] {
	return Object.entries(COMMANDS).map(([id, handler]) => vscode.commands.registerCommand(id, (...args: unknown[]) => handler(services, ...args)));
}
