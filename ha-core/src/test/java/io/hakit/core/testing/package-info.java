/** Test helpers shared by HAKit's modules through ha-core's test-jar: interop prerequisites, shared files, ports. */
package io.hakit.core.testing;
