package io.htmllake.parsers;

/** What a record reader yields: a record to parse, or an outcome already decided while reading. */
public sealed interface ReadItem permits RawRecord, Quarantine, Skipped {}
