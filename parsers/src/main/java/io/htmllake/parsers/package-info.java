/**
 * Pure-Java parsing of crawled records into plain, immutable Java records. Nothing here knows
 * Spark or the table schemas; jsoup documents never leave a method.
 */
package io.htmllake.parsers;
