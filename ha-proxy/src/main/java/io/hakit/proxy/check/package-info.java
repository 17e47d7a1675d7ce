/** Health checks (TCP connect, HTTP status) with inter/rise/fall, run on the proxy's event loops. */
@NullMarked
package io.hakit.proxy.check;

import org.jspecify.annotations.NullMarked;
