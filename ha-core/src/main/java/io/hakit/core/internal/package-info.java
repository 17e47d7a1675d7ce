/** Internal helpers of HAKit. Anything in this package can be changed or removed at any time. */
@NullMarked
package io.hakit.core.internal;

import org.jspecify.annotations.NullMarked;
