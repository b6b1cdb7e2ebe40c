package org.sysvipc.tools;

import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** How this program was started, so that its messages name the command the user typed, and its version. */
final class Program {
    /** The system property a launcher script sets to its own name ({@code bin/tutorial} sets it). */
    static final String COMMAND_PROPERTY = "sysvipc.command";

    private Program() {
    }

    /**
     * {@return the command that runs this program: the launcher's name if one set
     * {@value #COMMAND_PROPERTY}, else {@code java -jar NAME.jar} when run from the jar, else the
     * java command for the classes}
     */
    static String command() {
        String launcher = System.getProperty(COMMAND_PROPERTY);
        if (launcher != null && !launcher.isBlank()) {
            return launcher;
        }
        Optional<Path> location = location();
        if (location.isPresent() && Files.isRegularFile(location.get())) {
            return "java -jar " + location.get().getFileName();
        }
        Module module = Program.class.getModule();
        return module.isNamed() ? "java -m " + module.getName() + "/" + Main.class.getName()
                : "java " + Main.class.getName();
    }

    /**
     * {@return this program's version: the jar manifest's Implementation-Version, or the module's
     * version (the jar on the module path), or empty when run from classes that carry neither}
     */
    static Optional<String> version() {
        String fromManifest = Program.class.getPackage().getImplementationVersion();
        if (fromManifest != null) {
            return Optional.of(fromManifest);
        }
        ModuleDescriptor descriptor = Program.class.getModule().getDescriptor();
        return descriptor == null ? Optional.empty() : descriptor.rawVersion();
    }

    /** The jar or directory the program's classes come from, if known. */
    private static Optional<Path> location() {
        try {
            var source = Program.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}
