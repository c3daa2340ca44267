package io.htmllake.parsers;

/**
 * What became of one input record: exactly one of a page, a quarantine entry, or a skip by rule.
 * The three add up to the records read, which is what the run manifest reconciles.
 */
public sealed interface RecordOutcome permits ParsedPage, Quarantine, Skipped {}
