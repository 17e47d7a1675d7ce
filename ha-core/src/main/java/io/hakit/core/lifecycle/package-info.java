/** Start and graceful stop of HAKit's components, as {@link java.util.concurrent.CompletionStage}s. */
@NullMarked
package io.hakit.core.lifecycle;

import org.jspecify.annotations.NullMarked;
