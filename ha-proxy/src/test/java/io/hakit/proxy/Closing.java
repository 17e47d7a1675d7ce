package io.hakit.proxy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Closes what a differential test started (proxies, origins), skipping the ones never created. */
public final class Closing {
  private Closing() {}

  /** Closes each non-null resource in order, then every origin. */
  public static void all(List<TestOrigin> origins, AutoCloseable... resources) throws Exception {
    List<AutoCloseable> each = new ArrayList<>(Arrays.asList(resources));
    each.addAll(origins);
    for (AutoCloseable c : each) {
      if (c != null) {
        c.close();
      }
    }
  }
}
