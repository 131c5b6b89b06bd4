package io.camgate.lint;

import io.camgate.policy.PolicyKind;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Documents at 90 % or more of their size limit (a user policy: 6144 characters without white
 * space; a bucket policy: 20 KB), so that the next statement added is not the one that makes
 * CAM or COS refuse the document.
 */
final class SizeLimits {
    /** The share of the limit from which a document is reported, in percent. */
    static final int NEAR_PERCENT = 90;

    void check(LintedDocument doc, Consumer<Finding> out) {
        PolicyKind kind = doc.document().kind();
        long size = kind == PolicyKind.USER ? doc.text().codePoints().filter(c -> !Character.isWhitespace(c)).count()
                : doc.text().getBytes(StandardCharsets.UTF_8).length;
        if (size * 100 >= (long) kind.sizeLimit() * NEAR_PERCENT) {
            String unit = kind == PolicyKind.USER ? "characters without white space" : "bytes";
            out.accept(new Finding(doc.file(), "", Finding.Kind.NEAR_SIZE_LIMIT, "the document has " + size + " "
                    + unit + ", " + (size * 100 / kind.sizeLimit()) + " % of the limit of " + kind.sizeLimit(),
                    kind == PolicyKind.USER ? "split it into several policies attached side by side"
                            : "merge statements that differ only in their actions or resources"));
        }
    }
}
