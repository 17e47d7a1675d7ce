/** The {@code hakit} command line: {@code java -jar hakit.jar COMMAND ...}. */
@NullMarked
package io.hakit.examples.cli;

import org.jspecify.annotations.NullMarked;
