package io.camgate.cos;

import java.util.List;

/**
 * One row of the {@link OperationTable}: a method, what the request addresses, the
 * sub-resource parameters that select the API, and the CAM action it needs.
 *
 * @param service   COS or CI
 * @param method    the HTTP method, upper case
 * @param scope     for COS rows, what the path addresses; null for CI rows
 * @param path      for CI rows, the path pattern ({@code jobs}, {@code jobs/*}, {@code ""} for {@code /}); null for COS
 * @param selectors the sub-resource parameters that must all be present, and no others
 * @param action    the CAM action ({@code cos:GetObject}, {@code ci:CreateMediaJobs})
 * @param traits    what else the row implies
 */
public record Operation(HostKind.Service service, String method, Scope scope, String path, List<String> selectors,
        String action, List<Trait> traits) {

    /** Extra facts about a row, written as flags in the table. */
    public enum Trait {
        /** Selected by an {@code x-cos-copy-source} header; also needs GetObject on the source. */
        COPY("copy"),
        /** The object's {@code ci-process} value may add a CI action (see {@link CiProcessTable}). */
        CI_PROCESS("ci-process"),
        /** The keys come from the XML body: DeleteObject per key ({@link MultiDeleteBody}). */
        DELETE_BODY("delete-body"),
        /** The key comes from the multipart form body (POST Object). */
        FORM_BODY("form-body"),
        /** Served on {@code cos-website} hosts too. */
        WEBSITE("website"),
        /** CI API-level: the resource is {@code *}, whatever bucket the host names. */
        API_LEVEL("api"),
        /** CI: the object key is in the {@code object} query parameter. */
        KEY_IN_OBJECT_PARAM("key=object"),
        /**
         * CI: the request starts asynchronous jobs that CI runs under its service role, so the
         * caller also needs {@code cam:PassRole} on that role (reference §3.1).
         */
        PASS_ROLE("pass-role");

        private final String flag;

        Trait(String flag) {
            this.flag = flag;
        }

        /** The flag as written in the table. */
        public String flag() {
            return flag;
        }
    }

    /** Whether this row has {@code trait}. */
    public boolean has(Trait trait) {
        return traits.contains(trait);
    }
}
