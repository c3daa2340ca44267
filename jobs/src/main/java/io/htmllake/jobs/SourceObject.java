package io.htmllake.jobs;

import io.htmllake.parsers.ObjectKind;
import java.io.Serializable;

/**
 * One raw-zone object to read on an executor.
 *
 * @param uri its fully qualified URI
 * @param size bytes
 * @param kind what its name says it is
 * @param sidecarUri the sidecar paired with it on the driver, or null
 */
public record SourceObject(String uri, long size, ObjectKind kind, String sidecarUri) implements Serializable {}
