package io.hakit.proxy.syslog;

import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/** What every header of a process carries: its tag, the optional host name, the pid, the zone. */
record LineHeader(String tag, @Nullable String hostname, long pid, ZoneId zone) {}
