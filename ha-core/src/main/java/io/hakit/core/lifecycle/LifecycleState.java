package io.hakit.core.lifecycle;

/** Where a {@link Lifecycle} component is. */
public enum LifecycleState {
  NEW,
  STARTING,
  RUNNING,
  STOPPING,
  STOPPED,
  FAILED
}
