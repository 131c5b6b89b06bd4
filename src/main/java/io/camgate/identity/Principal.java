package io.camgate.identity;

/**
 * Who a request speaks for, once its signature (or the lack of one) is known: a root
 * account, a sub-user of a root account, or nobody.
 */
public sealed interface Principal {
    /** A root account. */
    record Root(String uin) implements Principal {
    }

    /** A sub-user, with the uin of its root account. */
    record SubUser(String uin, String ownerUin) implements Principal {
    }

    /** An unsigned request. */
    record Anonymous() implements Principal {
    }

    /** The shared anonymous principal. */
    Principal ANONYMOUS = new Anonymous();

    /** The caller's uin, or null when anonymous; this is {@code ${uin}} in policies. */
    default String uin() {
        if (this instanceof Root r) {
            return r.uin();
        }
        if (this instanceof SubUser s) {
            return s.uin();
        }
        return null;
    }
}
