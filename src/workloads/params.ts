/** Validation shared by workloads: per-process non-negative integer vectors. */
import { ConfigError } from "../errors.js";

/** `values` as a vector of `processes` non-negative integers, or a ConfigError naming `field`. */
export function perProcessCounts(
  field: string,
  values: readonly number[] | undefined,
  processes: number,
  fallback?: number,
): number[] {
  if (values === undefined) {
    if (fallback !== undefined) return Array.from({ length: processes }, () => fallback);
    throw new ConfigError(
      field,
      `is required: give ${processes} non-negative integers, e.g. ${Array.from({ length: processes }, () => 1).join(",")}`,
    );
  }
  if (values.length !== processes) {
    throw new ConfigError(
      field,
      `expected one value per process (${processes}), got ${values.length}: give ${processes} comma-separated non-negative integers`,
    );
  }
  values.forEach((v, i) => {
    if (!Number.isSafeInteger(v) || v < 0) {
      throw new ConfigError(field, `value for P${i} must be a non-negative integer, got ${String(v)}`);
    }
  });
  return [...values];
}
