package io.hakit.proxy.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Read buffer sizes for client channels: adaptive like Netty's AdaptiveRecvByteBufAllocator
 * (start at 2 KiB, grow fast when a read fills the buffer, shrink after two small reads in a row,
 * between 64 B and 64 KiB), but with a per-channel handle of one small object. Netty's adaptive
 * handle is three objects (handle, size calculator, maybe-more supplier: about 115 bytes), which
 * every idle keep-alive connection keeps (issue 4). One instance serves every channel; each
 * channel's handle is confined to its event loop.
 */
public final class LeanRecvByteBufAllocator implements MaxMessagesRecvByteBufAllocator {
  static final int MINIMUM = 64;
  static final int INITIAL = 2048;
  static final int MAXIMUM = 65536;

  private volatile int maxMessagesPerRead;

  /** @param maxMessagesPerRead reads per readiness event before yielding to other channels */
  public LeanRecvByteBufAllocator(int maxMessagesPerRead) {
    maxMessagesPerRead(maxMessagesPerRead);
  }

  @Override
  @SuppressWarnings("deprecation") // the interface's return type; the handle is an ExtendedHandle
  public RecvByteBufAllocator.Handle newHandle() {
    return new Handle(this);
  }

  @Override
  public int maxMessagesPerRead() {
    return maxMessagesPerRead;
  }

  @Override
  public LeanRecvByteBufAllocator maxMessagesPerRead(int maxMessagesPerRead) {
    if (maxMessagesPerRead <= 0) {
      throw new IllegalArgumentException("maxMessagesPerRead: " + maxMessagesPerRead + " (expected: > 0)");
    }
    this.maxMessagesPerRead = maxMessagesPerRead;
    return this;
  }

  /** One channel's read loop state and its next buffer size. Also its own maybe-more supplier. */
  static final class Handle implements RecvByteBufAllocator.ExtendedHandle, UncheckedBooleanSupplier {
    private final LeanRecvByteBufAllocator owner;
    private @Nullable ChannelConfig config;
    private int size = INITIAL;
    private int messagesLeft;
    private int totalBytesRead;
    private int attemptedBytesRead;
    private int lastBytesRead;
    private boolean shrinkNext;

    Handle(LeanRecvByteBufAllocator owner) {
      this.owner = owner;
    }

    @Override
    public ByteBuf allocate(ByteBufAllocator alloc) {
      return alloc.ioBuffer(size);
    }

    @Override
    public int guess() {
      return size;
    }

    @Override
    public void reset(ChannelConfig config) {
      this.config = config;
      messagesLeft = owner.maxMessagesPerRead;
      totalBytesRead = 0;
    }

    @Override
    public void incMessagesRead(int numMessages) {
      messagesLeft -= numMessages;
    }

    @Override
    public void lastBytesRead(int bytes) {
      lastBytesRead = bytes;
      if (bytes > 0) {
        totalBytesRead = totalBytesRead + bytes < 0 ? Integer.MAX_VALUE : totalBytesRead + bytes;
        if (bytes == attemptedBytesRead) {
          // The buffer came back full: grow now, more is probably waiting.
          record(bytes);
        }
      }
    }

    @Override
    public int lastBytesRead() {
      return lastBytesRead;
    }

    @Override
    public void attemptedBytesRead(int bytes) {
      attemptedBytesRead = bytes;
    }

    @Override
    public int attemptedBytesRead() {
      return attemptedBytesRead;
    }

    @Override
    public boolean continueReading() {
      return continueReading(this);
    }

    @Override
    public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
      return config != null && config.isAutoRead() && maybeMoreDataSupplier.get() && messagesLeft > 0
          && totalBytesRead > 0;
    }

    /** The default maybe-more: the last read filled what it was offered. */
    @Override
    public boolean get() {
      return attemptedBytesRead == lastBytesRead;
    }

    @Override
    public void readComplete() {
      record(totalBytesRead);
    }

    /** Grows 4x when a read filled the size; halves after two reads in a row fit in half of it. */
    private void record(int actual) {
      if (actual <= size >> 1) {
        if (shrinkNext) {
          size = Math.max(MINIMUM, size >> 1);
          shrinkNext = false;
        } else {
          shrinkNext = true;
        }
      } else if (actual >= size) {
        size = Math.min(MAXIMUM, size << 2);
        shrinkNext = false;
      }
    }
  }
}
