/** JMH benchmarks of the proxy's hot paths: balancer pick and ACL match. */
@NullMarked
package io.hakit.benchmarks.proxy;

import org.jspecify.annotations.NullMarked;
