package io.camgate.cos;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The CI action that a {@code ?ci-process=} request on the COS host needs on top of
 * GetObject, by process name (reference §3.2). Names compare case-insensitively, so that a
 * case variant COS might accept cannot skip the CI action. A process the table does not name
 * needs GetObject only: it reads the object and CI documents no action of its own for it.
 * {@code ImageSearch} is the exception: its {@code action} parameter picks the CI action, and
 * without a known one the request is refused.
 */
final class CiProcessTable {
    /** A CI action and whether CI authorizes it at API level (resource {@code *}). */
    record CiAction(String action, boolean apiLevel) {
    }

    private static final String IMAGE_SEARCH = "imagesearch";

    private static final String[] ROWS = {
        "snapshot                       ci:GenerateSnapshot",
        "videoinfo                      ci:GenerateMediaInfo",
        "pm3u8                          ci:GetPrivateM3U8          api",
        "sensitive-content-recognition  ci:CreateAuditingPictureJob",
        "IDCardOCR                      ci:CreateIDCardOCRJob",
        "OCR                            ci:CreateOCRJob",
        "face-effect                    ci:CreateFaceEffectJob",
        "ImageSearch/AddImage           ci:AddImage",
        "ImageSearch/DeleteImage        ci:DeleteImage",
        "ImageSearch/SearchImage        ci:SearchImage",
    };

    private static final Map<String, CiAction> ACTIONS = new HashMap<>();

    static {
        for (String line : ROWS) {
            String[] f = line.trim().split("\\s+");
            ACTIONS.put(f[0].toLowerCase(Locale.ROOT), new CiAction(f[1], f.length > 2 && f[2].equals("api")));
        }
    }

    private CiProcessTable() {
    }

    /**
     * The CI action for {@code process} (with ImageSearch's {@code action} parameter, or
     * null), or null when the process needs GetObject only.
     */
    static CiAction lookup(String process, String imageSearchAction) throws ClassificationException {
        String name = process.toLowerCase(Locale.ROOT);
        if (name.equals(IMAGE_SEARCH)) {
            CiAction found = imageSearchAction == null ? null
                    : ACTIONS.get(IMAGE_SEARCH + "/" + imageSearchAction.toLowerCase(Locale.ROOT));
            if (found == null) {
                throw new ClassificationException(CosError.ACCESS_DENIED,
                        "ci-process=ImageSearch needs action=AddImage, DeleteImage or SearchImage.");
            }
            return found;
        }
        return ACTIONS.get(name);
    }
}
