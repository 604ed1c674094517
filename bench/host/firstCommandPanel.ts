/** In-host suite: bench/host/firstCommand.ts, Open Conversation as the window's first command (window 3). */
export { runPanelFirst as run } from './firstCommand';
