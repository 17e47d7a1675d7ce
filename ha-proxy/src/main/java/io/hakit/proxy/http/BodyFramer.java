package io.hakit.proxy.http;

import io.netty.buffer.ByteBuf;

/**
 * Delimits one message body in a byte stream without copying it: given the bytes received so
 * far it says how many belong to the body, validating chunked framing on the way and noting where
 * the chunk data and trailers lie (for {@link ChunkReframer}); trailer field names are lower-cased
 * in place. Confined to one event loop; reusable through {@link #reset}.
 */
final class BodyFramer {
  /** How the body is delimited. */
  enum Kind {
    NONE,
    LENGTH,
    CHUNKED,
    /** Until the server closes (a response without length). */
    UNTIL_CLOSE
  }

  private enum Chunk {
    SIZE,
    EXTENSION,
    SIZE_LF,
    DATA,
    DATA_CR,
    DATA_LF,
    TRAILER_START,
    TRAILER,
    FINAL_LF
  }

  private static final long MAX_CHUNK = 1L << 56;

  private Kind kind = Kind.NONE;
  private long remaining;
  private Chunk chunk = Chunk.SIZE;
  private int sizeDigits;
  private boolean done = true;
  private boolean invalid;

  // What the last chunked scan found, for re-framing (see ChunkReframer): the chunk data as
  // (index, length) pairs, whether the last chunk's size line ended in it, and the trailer bytes.
  private int[] dataRanges = new int[8];
  private int dataRangeCount;
  private boolean lastChunkEnded;
  private int trailerFrom = -1;
  private int trailerLength;
  /** In a trailer field's name (HAProxy forwards them in lower case, as header names). */
  private boolean trailerName;

  void reset(Kind kind, long length) {
    this.kind = kind;
    this.remaining = length;
    this.chunk = Chunk.SIZE;
    this.sizeDigits = 0;
    this.invalid = false;
    this.done = kind == Kind.NONE || (kind == Kind.LENGTH && length == 0);
  }

  Kind kind() {
    return kind;
  }

  /** True once the whole body has been delimited. */
  boolean isDone() {
    return done;
  }

  /** True when the chunked framing was broken; the stream cannot be trusted any more. */
  boolean isInvalid() {
    return invalid;
  }

  /**
   * Scans the bytes already received with a copy of this framer's state, leaving both untouched:
   * false when they break the framing (HAProxy rejects a bad chunk size found in its buffer before
   * it connects).
   */
  boolean validatesAhead(ByteBuf in) {
    BodyFramer copy = copyState();
    copy.scan(in);
    return !copy.invalid;
  }

  /**
   * {@link #loggedBytes} of the body bytes already received, scanned with a copy of this framer's
   * state (option logasap: the body HAProxy holds when it writes the line early).
   */
  int loggedBytesAhead(ByteBuf in) {
    BodyFramer copy = copyState();
    return copy.loggedBytes(in, copy.scan(in));
  }

  private BodyFramer copyState() {
    BodyFramer copy = new BodyFramer();
    copy.kind = kind;
    copy.remaining = remaining;
    copy.chunk = chunk;
    copy.sizeDigits = sizeDigits;
    copy.done = done;
    return copy;
  }

  /** The number of bytes from {@code in}'s reader index that belong to this body (does not consume). */
  int scan(ByteBuf in) {
    if (done) {
      return 0;
    }
    int readable = in.readableBytes();
    switch (kind) {
      case LENGTH -> {
        int n = (int) Math.min(remaining, readable);
        remaining -= n;
        done = remaining == 0;
        return n;
      }
      case UNTIL_CLOSE -> {
        return readable;
      }
      case CHUNKED -> {
        return scanChunked(in);
      }
      default -> {
        return 0;
      }
    }
  }

  private int scanChunked(ByteBuf in) {
    int start = in.readerIndex();
    int end = in.writerIndex();
    int pos = start;
    dataRangeCount = 0;
    lastChunkEnded = false;
    trailerFrom = inTrailer() ? start : -1;
    trailerLength = 0;
    while (pos < end && !done) {
      if (chunk == Chunk.DATA) {
        int n = (int) Math.min(remaining, end - pos);
        addDataRange(pos, n);
        pos += n;
        remaining -= n;
        if (remaining == 0) {
          chunk = Chunk.DATA_CR;
        }
        continue;
      }
      boolean wasTrailer = inTrailer();
      byte c = in.getByte(pos++);
      if (!step(c)) {
        invalid = true;
        endTrailer(pos - 1);
        return pos - 1 - start;
      }
      if (trailerName && chunk == Chunk.TRAILER && c >= 'A' && c <= 'Z') {
        // Trailer names go out in lower case, as HAProxy forwards them: edited in place, not copied.
        in.setByte(pos - 1, c + ('a' - 'A'));
      }
      if (!wasTrailer && inTrailer()) {
        // The last chunk's size line just ended: what follows (trailers, final CRLF) is kept as is.
        lastChunkEnded = true;
        trailerFrom = pos;
      }
    }
    endTrailer(pos);
    return pos - start;
  }

  private boolean inTrailer() {
    return chunk == Chunk.TRAILER_START || chunk == Chunk.TRAILER || chunk == Chunk.FINAL_LF || (done
        && kind == Kind.CHUNKED);
  }

  private void endTrailer(int pos) {
    trailerLength = trailerFrom >= 0 ? pos - trailerFrom : 0;
  }

  private void addDataRange(int index, int length) {
    if (dataRangeCount * 2 == dataRanges.length) {
      dataRanges = java.util.Arrays.copyOf(dataRanges, dataRanges.length * 2);
    }
    dataRanges[dataRangeCount * 2] = index;
    dataRanges[dataRangeCount * 2 + 1] = length;
    dataRangeCount++;
  }

  /**
   * What HAProxy 2.6 counts in %B / %U for the {@code scanned} bytes of the last scan (its internal
   * form, see {@code LoggedBytes}): all of them, but for a chunked body only the chunk data, each
   * trailer field's name and value (a line's ": " and CRLF do not count) and 1 byte for the end of
   * the message. Additive over scans, so a trailer split between two reads counts once.
   */
  int loggedBytes(ByteBuf in, int scanned) {
    if (kind != Kind.CHUNKED || scanned == 0) {
      // Nothing scanned: the ranges below are those of an older scan.
      return scanned;
    }
    int n = 0;
    for (int i = 0; i < dataRangeCount; i++) {
      n += dataRanges[i * 2 + 1];
    }
    if (lastChunkEnded) {
      // With the -4 of the final CRLF's line feed below and its 2 bytes: 1 for the end of the message.
      n += 3;
    }
    if (trailerFrom >= 0) {
      n += trailerLength;
      for (int i = trailerFrom; i < trailerFrom + trailerLength; i++) {
        if (in.getByte(i) == '\n') {
          n -= 4;
        }
      }
    }
    return n;
  }

  /** Chunk data ranges the last chunked scan found. */
  int dataRangeCount() {
    return dataRangeCount;
  }

  int dataRangeIndex(int i) {
    return dataRanges[i * 2];
  }

  int dataRangeLength(int i) {
    return dataRanges[i * 2 + 1];
  }

  /** True when the last chunked scan saw the end of the zero-size chunk's line. */
  boolean lastChunkEnded() {
    return lastChunkEnded;
  }

  /** Index and length of the trailer bytes (trailer fields and the final CRLF) in the last scan. */
  int trailerFrom() {
    return trailerFrom;
  }

  int trailerLength() {
    return trailerLength;
  }

  /** One control byte of the chunked framing; false when it breaks the grammar. */
  private boolean step(byte c) {
    switch (chunk) {
      case SIZE -> {
        int digit = Character.digit(c, 16);
        if (digit >= 0) {
          if (remaining >= MAX_CHUNK) {
            return false;
          }
          remaining = remaining * 16 + digit;
          sizeDigits++;
          return true;
        }
        if (sizeDigits == 0) {
          return false;
        }
        if (c == ';' || c == ' ' || c == '\t') {
          chunk = Chunk.EXTENSION;
          return true;
        }
        if (c == '\r') {
          chunk = Chunk.SIZE_LF;
          return true;
        }
        if (c == '\n') {
          endOfSizeLine();
          return true;
        }
        return false;
      }
      case EXTENSION -> {
        if (c == '\r') {
          chunk = Chunk.SIZE_LF;
        } else if (c == '\n') {
          endOfSizeLine();
        } else if ((c & 0xff) < 0x20 && c != '\t') {
          return false;
        }
        return true;
      }
      case SIZE_LF -> {
        if (c != '\n') {
          return false;
        }
        endOfSizeLine();
        return true;
      }
      case DATA_CR -> {
        if (c == '\r') {
          chunk = Chunk.DATA_LF;
          return true;
        }
        if (c == '\n') {
          newChunk();
          return true;
        }
        return false;
      }
      case DATA_LF -> {
        if (c != '\n') {
          return false;
        }
        newChunk();
        return true;
      }
      case TRAILER_START -> {
        if (c == '\r') {
          chunk = Chunk.FINAL_LF;
        } else if (c == '\n') {
          done = true;
        } else {
          chunk = Chunk.TRAILER;
          trailerName = c != ':';
        }
        return true;
      }
      case TRAILER -> {
        if (c == '\n') {
          chunk = Chunk.TRAILER_START;
        } else if (c == ':') {
          trailerName = false;
        }
        return true;
      }
      case FINAL_LF -> {
        if (c != '\n') {
          return false;
        }
        done = true;
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  private void endOfSizeLine() {
    chunk = remaining == 0 ? Chunk.TRAILER_START : Chunk.DATA;
  }

  private void newChunk() {
    chunk = Chunk.SIZE;
    remaining = 0;
    sizeDigits = 0;
  }
}
