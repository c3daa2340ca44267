package io.htmllake.parsers;

/**
 * An outgoing link.
 *
 * @param dstUrl absolute, normalised target
 * @param dstHost lower-case host of the target
 * @param anchorText anchor text, white space collapsed, or null
 * @param rel the rel attribute, lower case, or null
 * @param nofollow rel has nofollow/ugc/sponsored, or the page is meta-robots nofollow
 * @param internal same registered domain as the page; null when the page URL is unknown
 * @param position 0-based order in the document
 */
public record Link(String dstUrl, String dstHost, String anchorText, String rel, boolean nofollow, Boolean internal, int position) {}
