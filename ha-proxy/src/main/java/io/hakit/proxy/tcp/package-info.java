/** TCP mode: a zero-copy byte relay between a client and a server on one event loop. */
@NullMarked
package io.hakit.proxy.tcp;

import org.jspecify.annotations.NullMarked;
