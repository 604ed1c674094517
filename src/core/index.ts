/**
 * The pure core: validation, phone numbers, segments, error codes, curl export and formatting.
 * No `vscode`, no Node-only APIs: shared by the extension and the compose webview script.
 */
export {
	API_FIELD_NAMES,
	E164_PATTERN,
	MAX_PRICE_PATTERN,
	UUID_PATTERN,
	problemsByField,
	validateField,
	validateMessage,
	type FieldProblem,
	type ValidationResult,
	type ValidationRule,
} from './validation';
export {
	GSM_REPLACEMENTS,
	describeMeasure,
	measureBody,
	replaceSmartCharacters,
	type BodyEncoding,
	type BodyMeasure,
} from './segments';
export {
	SUPPORTED_COUNTRIES,
	findCountry,
	normalizePhoneNumber,
	type NormalizeResult,
	type SupportedCountry,
} from './phone';
export { ERROR_CODES_URL, explainErrorCode, knownErrorCodes, type ErrorCodeExplanation } from './errorCodes';
export { shellQuote, toCurlCommand, type CurlInput } from './curl';
export { formFields } from './messageForm';
export { formatDuration, formatMessageSummary, formatRelativeDay, maskToken, shortSid, truncate } from './format';
export { basicCredentials, credentialForms, maskSecrets } from './secrets';
