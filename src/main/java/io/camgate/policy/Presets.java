package io.camgate.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in preset policies ({@code QcloudCOS*}, {@code QcloudCI*}). Each is a JSON
 * template under {@code io/camgate/policy/presets/}; {@code uin/-1} in a template stands for
 * the owner's uin and is replaced when the preset is attached for a given root account.
 *
 * <p>Tencent publishes the exact JSON of only some presets. {@link Basis} records, for each,
 * whether its contents are the documented statement list, an equivalent the documentation
 * offers in its place, or inferred from the documentation's action matrix.
 */
public final class Presets {
    /** How much of a preset's contents comes straight from the documentation. */
    public enum Basis {
        /** The documentation lists these actions for the preset. */
        DOCUMENTED,
        /** The documentation offers this statement list as equivalent to the preset. */
        EQUIVALENT,
        /** Not published; inferred from the documentation's action-by-preset matrix or by analogy. */
        INFERRED
    }

    private static final Map<String, Basis> BASIS = new LinkedHashMap<>();

    static {
        BASIS.put("QcloudCOSFullAccess", Basis.INFERRED);
        BASIS.put("QcloudCOSReadOnlyAccess", Basis.EQUIVALENT);
        BASIS.put("QcloudCOSDataFullControl", Basis.DOCUMENTED);
        BASIS.put("QcloudCOSDataReadOnly", Basis.INFERRED);
        BASIS.put("QcloudCOSDataWriteOnly", Basis.EQUIVALENT);
        BASIS.put("QcloudCOSBucketConfigRead", Basis.DOCUMENTED);
        BASIS.put("QcloudCOSBucketConfigWrite", Basis.DOCUMENTED);
        BASIS.put("QcloudCOSListOnly", Basis.INFERRED);
        BASIS.put("QcloudCOSGetServiceAccess", Basis.INFERRED);
        BASIS.put("QcloudCIFullAccess", Basis.INFERRED);
        BASIS.put("QcloudCIReadOnlyAccess", Basis.INFERRED);
    }

    private Presets() {
    }

    /** The preset names, in a stable order. */
    public static Set<String> names() {
        return BASIS.keySet();
    }

    /** Whether {@code name} is a preset. */
    public static boolean isPreset(String name) {
        return BASIS.containsKey(name);
    }

    /** Where the preset's contents come from; empty when {@code name} is no preset. */
    public static Optional<Basis> basis(String name) {
        return Optional.ofNullable(BASIS.get(name));
    }

    /**
     * The preset as attached for root account {@code ownerUin}.
     *
     * @throws IllegalArgumentException when {@code name} is no preset
     */
    public static PolicyDocument document(String name, String ownerUin) {
        if (!isPreset(name)) {
            throw new IllegalArgumentException("no preset policy named " + name);
        }
        String text = template(name).replace("uin/-1", "uin/" + ownerUin);
        try {
            return PolicyParser.parse("preset:" + name, name, PolicyKind.USER, text);
        } catch (PolicyException e) {
            throw new IllegalStateException("built-in preset " + name + " does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * The preset's JSON text as shipped, with {@code uin/-1} standing for the owner.
     *
     * @throws IllegalArgumentException when {@code name} is no preset
     */
    public static String text(String name) {
        if (!isPreset(name)) {
            throw new IllegalArgumentException("no preset policy named " + name);
        }
        return template(name);
    }

    private static String template(String name) {
        String path = "presets/" + name + ".json";
        try (InputStream in = Presets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
