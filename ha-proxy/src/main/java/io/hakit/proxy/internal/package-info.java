/** Helpers shared by the proxy's packages. Internal: anything here may change at any time. */
@NullMarked
package io.hakit.proxy.internal;

import org.jspecify.annotations.NullMarked;
