/** What keyholder reads of one file, at most (docs/security.md). */
export interface Limits {
  /** Largest file read, in bytes. */
  maxBytes: number;
  /** Aliases expanded in one file; anchors defined in one file. */
  maxAliases: number;
  /** Nodes built in one file, counting every alias expansion. */
  maxNodes: number;
  /** Lines in one file, blank lines and comments included. */
  maxLines: number;
  /** Nesting depth. */
  maxDepth: number;
  /** Findings shown for one file; the rest are counted in one more. */
  maxFindings: number;
}

export const LIMITS: Limits = { maxBytes: 1024 * 1024, maxAliases: 100, maxNodes: 15_000, maxLines: 30_000, maxDepth: 64, maxFindings: 100 };
