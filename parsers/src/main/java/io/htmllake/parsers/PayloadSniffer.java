package io.htmllake.parsers;

/**
 * Decides whether bytes that claim to be HTML plausibly are: known binary signatures and a high
 * share of control bytes say no, and so does text without a single '<'.
 */
public final class PayloadSniffer {

  public static final String BLANK = "payload is empty or white space only";
  private static final int SNIFF_BYTES = 1024;

  private PayloadSniffer() {}

  /** @return null when the bytes may be HTML, else why not */
  public static String whyNotHtml(byte[] bytes) {
    if (bytes.length == 0) {
      return BLANK;
    }
    String magic = binarySignature(bytes);
    if (magic != null) {
      return "payload starts with a " + magic + " signature";
    }
    int sniff = Math.min(bytes.length, SNIFF_BYTES);
    boolean utf16 = sniff >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
        || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE);
    int control = 0;
    boolean blank = true;
    for (int i = 0; i < sniff; i++) {
      int b = bytes[i] & 0xFF;
      if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) {
        control++;
      }
      if (b > 0x20) {
        blank = false;
      }
    }
    if (!utf16 && control * 10 > sniff) {
      return "payload is binary (" + control + " control bytes in the first " + sniff + ")";
    }
    if (blank && bytes.length <= sniff) {
      return BLANK;
    }
    if (!utf16 && indexOf(bytes, (byte) '<') < 0) {
      return "payload has no markup (no '<' in " + bytes.length + " bytes)";
    }
    return null;
  }

  private static String binarySignature(byte[] b) {
    if (startsWith(b, 0x89, 'P', 'N', 'G')) {
      return "PNG";
    }
    if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
      return "JPEG";
    }
    if (startsWith(b, 'G', 'I', 'F', '8')) {
      return "GIF";
    }
    if (startsWith(b, '%', 'P', 'D', 'F')) {
      return "PDF";
    }
    if (startsWith(b, 'P', 'K', 3, 4)) {
      return "ZIP";
    }
    if (startsWith(b, 0x1F, 0x8B)) {
      return "gzip";
    }
    if (startsWith(b, 'R', 'I', 'F', 'F')) {
      return "RIFF";
    }
    if (startsWith(b, 0x00, 0x00, 0x01, 0x00)) {
      return "ICO";
    }
    return null;
  }

  private static boolean startsWith(byte[] bytes, int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
