package io.camgate.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Which build is running, from the manifest of the jar this class was loaded from: the
 * project version ({@code Implementation-Version}) and the git revision it was built from
 * ({@value #REVISION}, written by the build). Run from a classes directory (tests, an IDE),
 * both are {@value #UNKNOWN}.
 *
 * @param version  the project version, such as {@code 0.1.0-SNAPSHOT}
 * @param revision the abbreviated git commit, with {@code -dirty} when the tree had changes
 */
public record BuildInfo(String version, String revision) {
    /** The manifest attribute that holds the git revision. */
    public static final String REVISION = "SCM-Revision";
    /** What a field says when the manifest does not tell. */
    public static final String UNKNOWN = "unknown";

    /** The running build. */
    public static BuildInfo current() {
        URL self = BuildInfo.class.getResource(BuildInfo.class.getSimpleName() + ".class");
        if (self == null || !self.getProtocol().equals("jar")) {
            return new BuildInfo(UNKNOWN, UNKNOWN);
        }
        String jar = self.toString().substring(0, self.toString().indexOf("!/") + 2);
        try (InputStream in = URI.create(jar + "META-INF/MANIFEST.MF").toURL().openStream()) {
            Attributes main = new Manifest(in).getMainAttributes();
            return new BuildInfo(known(main.getValue(Attributes.Name.IMPLEMENTATION_VERSION)),
                    known(main.getValue(REVISION)));
        } catch (IOException e) {
            return new BuildInfo(UNKNOWN, UNKNOWN);
        }
    }

    private static String known(String value) {
        // an unset build property reaches the manifest as written: ${...}
        return value == null || value.isBlank() || value.startsWith("${") ? UNKNOWN : value;
    }
}
