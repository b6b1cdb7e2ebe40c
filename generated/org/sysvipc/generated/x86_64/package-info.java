/**
 * jextract's bindings of {@code native-headers/sysvipc.h} for x86_64-linux-gnu: exactly the functions,
 * structs and constants {@code native-headers/sysvipc.jextract} lists, for the platform
 * {@link org.sysvipc.generated.x86_64.GeneratedFor} names. Written by {@code native-headers/regenerate} (jextract, then
 * the scripted steps its README describes) and never edited by hand; only
 * {@code org.sysvipc.internal} uses them.
 */
package org.sysvipc.generated.x86_64;
