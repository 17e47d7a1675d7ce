/**
 * JMH benchmarks of ha-core: endpoint parsing and CIDR matching, the work a config load and every
 * {@code src} ACL evaluation do.
 */
@NullMarked
package io.hakit.benchmarks.core;

import org.jspecify.annotations.NullMarked;
