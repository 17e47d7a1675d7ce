package io.hakit.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector (paranoid in this module's surefire config)
 * reports a buffer released by the garbage collector instead of by the code. Installs a
 * recording detector factory before the first buffer class is used.
 */
public final class LeakGuard implements BeforeAllCallback, AfterAllCallback {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  static {
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
      @Override
      @SuppressWarnings("deprecation")
      public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
          long maxActive) {
        return newResourceLeakDetector(resource, samplingInterval);
      }

      @Override
      public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
        return new ResourceLeakDetector<T>(resource, samplingInterval) {
          @Override
          protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add(resourceType + " leaked:" + records);
          }

          @Override
          protected void reportUntracedLeak(String resourceType) {
            LEAKS.add(resourceType + " leaked (untraced)");
          }
        };
      }
    });
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    LEAKS.clear();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    for (int i = 0; i < 3; i++) {
      System.gc();
      // Leaks are reported when a later buffer is tracked: allocate a few to drain the queue.
      for (int j = 0; j < 8; j++) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        b.release();
      }
    }
    if (!LEAKS.isEmpty()) {
      String all = String.join("\n", LEAKS);
      LEAKS.clear();
      throw new AssertionError("Netty buffer leak(s) in " + context.getDisplayName() + ":\n" + all);
    }
  }
}
