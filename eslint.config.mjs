// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', 'bench/results/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: {
			globals: { console: 'readonly', process: 'readonly', require: 'readonly', __dirname: 'readonly', module: 'writable' },
		},
		rules: {
			curly: 'error',
			eqeqeq: ['error', 'always', { null: 'ignore' }],
			'no-throw-literal': 'error',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/naming-convention': ['warn', { selector: 'import', format: ['camelCase', 'PascalCase'] }],
		},
	},
	{
		// Pure modules must not depend on the VS Code API.
		files: ['src/core/**/*.ts', 'src/signalwire/**/*.ts', 'src/send/outcome.ts', 'src/send/sendArguments.ts', 'src/send/errorPresentation.ts', 'src/send/validationError.ts', 'src/credentials/profile.ts', 'src/history/model.ts', 'src/history/presentation.ts', 'src/history/store.ts', 'src/history/statusFollower.ts', 'src/compose/protocol.ts', 'src/compose/webview/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'This module is pure: no VS Code API (it is unit-tested in plain Node).' }] }],
		},
	},
	{
		files: ['esbuild.js', 'scripts/**/*.js'],
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
