package io.camgate;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two rules of the source layout (DESIGN §5, docs/ARCHITECTURE.md): packages depend only on
 * packages below them in {@link #ORDER}, and no main class is over {@link #MAX_LINES} lines.
 */
class ArchitectureTest {
    /**
     * The package order, lowest first; packages on one level do not depend on each other. Keep it
     * equal to the order in docs/ARCHITECTURE.md.
     */
    static final List<String> ORDER = List.of(
            "policy",
            "identity",
            "authz sign limits",
            "authz.index",
            "cos config",
            "logs store",
            "metrics loadtest lint",
            "gate",
            "proxy.splice",
            "proxy.upstream",
            "proxy admin",
            "cli");

    static final int MAX_LINES = 400;

    /** Main source files over {@link #MAX_LINES} lines that are still to be split; only ever shrinks. */
    static final Set<String> TOO_LONG_FOR_NOW = Set.of();

    private static final Path MAIN = Path.of("src/main/java");
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.camgate");
    }

    @Test
    void noDependencyPointsUpThePackageOrder() {
        Map<String, Integer> level = levels();
        Set<String> unplaced = new TreeSet<>();
        Set<String> upward = new TreeSet<>();
        for (JavaClass origin : classes) {
            String from = camgatePackage(origin);
            if (!level.containsKey(from)) {
                unplaced.add(from);
                continue;
            }
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                String to = camgatePackage(dependency.getTargetClass());
                if (to == null || to.equals(from)) {
                    continue;
                }
                if (!level.containsKey(to)) {
                    unplaced.add(to);
                } else if (level.get(to) >= level.get(from)) {
                    upward.add(from + " -> " + to + " (" + origin.getSimpleName() + " uses "
                            + dependency.getTargetClass().getSimpleName() + ")");
                }
            }
        }
        assertThat(unplaced).as("packages missing from ArchitectureTest.ORDER").isEmpty();
        assertThat(upward).as("dependencies that do not point down the package order").isEmpty();
    }

    @Test
    void noMainClassIsOverTheLineLimit() throws IOException {
        List<String> tooLong = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String name = MAIN.relativize(file).toString().replace('\\', '/');
                long lines;
                try (Stream<String> text = Files.lines(file)) {
                    lines = text.count();
                }
                if (lines > MAX_LINES && !TOO_LONG_FOR_NOW.contains(name)) {
                    tooLong.add(name + " (" + lines + " lines)");
                } else if (lines <= MAX_LINES && TOO_LONG_FOR_NOW.contains(name)) {
                    fixed.add(name);
                }
            }
        }
        assertThat(tooLong).as("main classes over " + MAX_LINES + " lines").isEmpty();
        assertThat(fixed).as("no longer too long: take them off TOO_LONG_FOR_NOW").isEmpty();
    }

    /** The part of the class's package below io.camgate, or null outside the project. */
    private static String camgatePackage(JavaClass type) {
        String name = type.getPackageName();
        return name.startsWith("io.camgate.") ? name.substring("io.camgate.".length()) : null;
    }

    private static Map<String, Integer> levels() {
        Map<String, Integer> level = new HashMap<>();
        for (int i = 0; i < ORDER.size(); i++) {
            for (String name : ORDER.get(i).split(" ")) {
                level.put(name, i);
            }
        }
        return level;
    }
}
