/**
 * The jar's entry point ({@link org.sysvipc.tools.Main}): the tutorial that runs the PHP
 * tutorial's programs across real processes, {@code ipcs} and {@code ipcs -l} for containers
 * without util-linux. It uses only the public API. Not exported.
 */
package org.sysvipc.tools;
