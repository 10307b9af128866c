package io.capstan.provider.sdk.testing;

import io.capstan.provider.sdk.MirrorLayout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Test providers served from the running test's own class path: a provider class with a
 * {@code main} that calls {@code ProviderMain.serve}, laid out as {@code capstan/TYPE 0.1.0} in
 * Terraform's filesystem-mirror layout so that {@code terraform init -plugin-dir} and
 * {@code capstan init} install it, or under a working directory's {@code .terraform/providers}
 * where runs find it without init. The launcher refers to the class path entries where they are
 * (nothing copied).
 */
public final class ClassPathProviders {
    /** The version the launchers are written as. */
    public static final String VERSION = "0.1.0";

    private ClassPathProviders() {
    }

    /**
     * This JVM's class path as entries: surefire's test class path when surefire runs the test
     * (its forked JVM may start from a manifest-only jar), else {@code java.class.path}.
     */
    public static List<Path> classPath() {
        return Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator)).filter(e -> !e.isEmpty()).map(Path::of).toList();
    }

    /**
     * Writes the launcher of {@code capstan/TYPE} {@value #VERSION}, whose {@code main} is
     * {@code mainClass}'s, under {@code mirrorRoot}.
     *
     * @return {@code mirrorRoot}
     */
    public static Path install(Path mirrorRoot, String type, Class<?> mainClass) throws IOException {
        MirrorLayout.write(mirrorRoot, "capstan", type, VERSION, mainClass.getName(), classPath(), false);
        return mirrorRoot;
    }
}
