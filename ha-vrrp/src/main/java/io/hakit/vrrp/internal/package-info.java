/**
 * Helpers shared by ha-vrrp's packages. Internal: anything here can change or go at any time.
 */
@NullMarked
package io.hakit.vrrp.internal;

import org.jspecify.annotations.NullMarked;
