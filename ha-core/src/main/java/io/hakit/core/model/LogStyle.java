package io.hakit.core.model;

/** Which access log line a proxy writes: none, {@code option tcplog}, {@code option httplog}, or {@code log-format}. */
public enum LogStyle {
  NONE,
  TCPLOG,
  HTTPLOG,
  CUSTOM
}
