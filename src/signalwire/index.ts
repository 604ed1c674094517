/**
 * The SignalWire Compatibility (LaML) API client: types, request encoding, response parsing,
 * typed errors. No `vscode` import.
 */
export * from '../core/types';
export * from './errors';
export * from './space';
export * from './encode';
export * from './parse';
export * from './redact';
export * from './client';
export * from './snippet';
