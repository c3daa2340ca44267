package io.htmllake.parsers;

import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The items of one multi-record object (a WARC, a JSON Lines file), read lazily: {@link #advance}
 * yields the next item, or null for "nothing here, keep going", and sets {@link #finished} at the end
 * or after damage.
 */
public abstract class RecordStream implements Iterator<ReadItem>, Closeable {

  private ReadItem next;
  /** Set by subclasses when nothing more can be read. */
  protected boolean finished;

  /** The next item, or null when this step yielded none (a blank line, the end). */
  protected abstract ReadItem advance();

  @Override
  public final boolean hasNext() {
    while (next == null && !finished) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public final ReadItem next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ReadItem item = next;
    next = null;
    return item;
  }
}
