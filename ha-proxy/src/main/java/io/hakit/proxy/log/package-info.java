/** Access logs in HAProxy's httplog and tcplog formats, through the slf4j logger {@code io.hakit.access}. */
@NullMarked
package io.hakit.proxy.log;

import org.jspecify.annotations.NullMarked;
