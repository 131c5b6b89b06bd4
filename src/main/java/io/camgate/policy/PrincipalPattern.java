package io.camgate.policy;

/**
 * Who a bucket-policy statement speaks for. Parsed from the principal strings CAM uses:
 * <ul>
 *   <li>{@code qcs::cam::uin/<owner>:uin/<sub>}: a sub-user ({@link SubUser}), or the root
 *       account itself when both uins are equal ({@link Root});</li>
 *   <li>{@code qcs::cam::uin/<uin>:root}: a root account;</li>
 *   <li>{@code qcs::cam::uin/<owner>:groupid/<id>}: a user group;</li>
 *   <li>{@code qcs::cam::anonymous:anonymous}, {@code qcs::cam::anyone:anyone} and {@code *}:
 *       everyone, evaluated on the anonymous path.</li>
 * </ul>
 */
public sealed interface PrincipalPattern {
    /** A sub-user of root account {@code ownerUin}. */
    record SubUser(String ownerUin, String uin) implements PrincipalPattern {
    }

    /** A user group of root account {@code ownerUin}. */
    record Group(String ownerUin, String groupId) implements PrincipalPattern {
    }

    /** A root account. */
    record Root(String uin) implements PrincipalPattern {
    }

    /** Everyone, signed or not: the anonymous path. */
    record Anyone() implements PrincipalPattern {
    }

    /** The shared {@link Anyone} value. */
    PrincipalPattern ANYONE = new Anyone();

    /**
     * Reads one principal string.
     *
     * @throws IllegalArgumentException with the reason when it is not one of the forms above
     */
    static PrincipalPattern parse(String text) {
        String s = text.trim();
        if (s.equals("*") || s.equals("qcs::cam::anonymous:anonymous") || s.equals("qcs::cam::anyone:anyone")) {
            return ANYONE;
        }
        String prefix = "qcs::cam::uin/";
        if (!s.startsWith(prefix)) {
            throw new IllegalArgumentException("a principal is \"*\", qcs::cam::anonymous:anonymous, "
                    + "qcs::cam::anyone:anyone, or qcs::cam::uin/<owner>:(uin/<uin>|groupid/<id>|root)");
        }
        String rest = s.substring(prefix.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a principal qcs::cam::uin/<owner> needs \":uin/<uin>\", "
                    + "\":groupid/<id>\" or \":root\" after the owner");
        }
        String owner = number(rest.substring(0, colon), "owner uin");
        String who = rest.substring(colon + 1);
        if (who.equals("root")) {
            return new Root(owner);
        }
        if (who.startsWith("uin/")) {
            String uin = number(who.substring(4), "uin");
            return uin.equals(owner) ? new Root(owner) : new SubUser(owner, uin);
        }
        if (who.startsWith("groupid/")) {
            return new Group(owner, number(who.substring(8), "group id"));
        }
        if (who.startsWith("roleName/") || who.startsWith("saml-provider/")) {
            throw new IllegalArgumentException("role and federated principals are not supported: " + who);
        }
        throw new IllegalArgumentException("unknown principal kind \"" + who + "\"");
    }

    private static String number(String text, String what) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the " + what + " in a principal must be decimal digits, not \""
                    + text + "\"");
        }
        return text;
    }
}
