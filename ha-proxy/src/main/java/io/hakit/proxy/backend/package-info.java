/**
 * Live backend state shared by the event loops: servers (up/down, weight, connection slots),
 * balancers, maxconn queues and the backend's health.
 */
@NullMarked
package io.hakit.proxy.backend;

import org.jspecify.annotations.NullMarked;
