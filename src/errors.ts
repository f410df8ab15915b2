/**
 * The typed errors snapcheck raises. Each carries a stable code (tests assert codes, not wording)
 * and a message that names the field and the fix. The CLI maps them to exit code 2 (bad input).
 */

export type ErrorCode = "config" | "usage" | "trace" | "model" | "log";

export class SnapcheckError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SnapcheckError";
  }
}

/** A configuration value is wrong: `field` names it, the message says what was expected. */
export class ConfigError extends SnapcheckError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super("config", `${field}: ${message}`);
    this.name = "ConfigError";
  }
}

/** A command line is wrong (unknown flag, missing argument). */
export class UsageError extends SnapcheckError {
  constructor(message: string) {
    super("usage", message);
    this.name = "UsageError";
  }
}

/** A trace file cannot be read or does not fit its model. */
export class TraceError extends SnapcheckError {
  constructor(message: string) {
    super("trace", message);
    this.name = "TraceError";
  }
}

/** A run log cannot be read or does not describe a run: `line` is where (1-based), the message says the fix. */
export class LogError extends SnapcheckError {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super("log", `${file}:${line}: ${message}`);
    this.name = "LogError";
  }
}
