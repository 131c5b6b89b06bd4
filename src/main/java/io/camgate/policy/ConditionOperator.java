package io.camgate.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CAM condition operators (reference §4.2 plus COS's {@code string_like}) and how one
 * context value is tested against a statement's listed values.
 *
 * <p>Each operator reads its values as one type. Policy values are read once, when the
 * document loads ({@link #compile}); a value that does not read is a load error. A context
 * value that does not read is an evaluation {@link Outcome#ERROR}. A negated operator holds
 * for a context value that matches none of the listed values.
 */
public enum ConditionOperator {
    STRING_EQUAL(Type.STRING, Comparison.EQ, false),
    STRING_NOT_EQUAL(Type.STRING, Comparison.EQ, true),
    STRING_EQUAL_IGNORE_CASE(Type.STRING_IGNORE_CASE, Comparison.EQ, false),
    STRING_NOT_EQUAL_IGNORE_CASE(Type.STRING_IGNORE_CASE, Comparison.EQ, true),
    STRING_LIKE(Type.STRING_LIKE, Comparison.EQ, false),
    STRING_NOT_LIKE(Type.STRING_LIKE, Comparison.EQ, true),
    NUMERIC_EQUAL(Type.NUMERIC, Comparison.EQ, false),
    NUMERIC_NOT_EQUAL(Type.NUMERIC, Comparison.EQ, true),
    NUMERIC_GREATER_THAN(Type.NUMERIC, Comparison.GT, false),
    NUMERIC_GREATER_THAN_EQUAL(Type.NUMERIC, Comparison.GE, false),
    NUMERIC_LESS_THAN(Type.NUMERIC, Comparison.LT, false),
    NUMERIC_LESS_THAN_EQUAL(Type.NUMERIC, Comparison.LE, false),
    DATE_EQUAL(Type.DATE, Comparison.EQ, false),
    DATE_NOT_EQUAL(Type.DATE, Comparison.EQ, true),
    DATE_GREATER_THAN(Type.DATE, Comparison.GT, false),
    DATE_GREATER_THAN_EQUAL(Type.DATE, Comparison.GE, false),
    DATE_LESS_THAN(Type.DATE, Comparison.LT, false),
    DATE_LESS_THAN_EQUAL(Type.DATE, Comparison.LE, false),
    IP_EQUAL(Type.IP, Comparison.EQ, false),
    IP_NOT_EQUAL(Type.IP, Comparison.EQ, true),
    BOOL_EQUAL(Type.BOOL, Comparison.EQ, false),
    BINARY_EQUAL(Type.BINARY, Comparison.EQ, false),
    NULL_EQUAL(Type.NULL, Comparison.EQ, false);

    /** How values are read and compared. */
    enum Type {
        STRING, STRING_IGNORE_CASE, STRING_LIKE, NUMERIC, DATE, IP, BOOL, BINARY, NULL
    }

    /** The relation a context value must have to a listed value. */
    enum Comparison {
        EQ, GT, GE, LT, LE
    }

    private final Type type;
    private final Comparison comparison;
    private final boolean negated;

    ConditionOperator(Type type, Comparison comparison, boolean negated) {
        this.type = type;
        this.comparison = comparison;
        this.negated = negated;
    }

    /** The name as written in documents, e.g. {@code string_equal}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Looks an operator up by its document name, in any letter case. */
    public static Optional<ConditionOperator> byLabel(String label) {
        String upper = label.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(op -> op.name().equals(upper)).findFirst();
    }

    /** True for {@code null_equal}, which tests presence rather than values. */
    public boolean isNullTest() {
        return type == Type.NULL;
    }

    /** True when values are plain strings, the only kind that may hold policy variables. */
    public boolean takesStrings() {
        return type == Type.STRING || type == Type.STRING_IGNORE_CASE || type == Type.STRING_LIKE;
    }

    /**
     * Reads one listed policy value into the form {@link #test} compares against.
     *
     * @throws IllegalArgumentException with the reason when the value is not of this operator's type
     */
    public Object compile(String value) {
        return switch (type) {
            case STRING, STRING_LIKE -> value;
            case STRING_IGNORE_CASE -> value.toLowerCase(Locale.ROOT);
            case NUMERIC -> requireNumber(value);
            case DATE -> requireDate(value);
            case IP -> IpAddress.parseCidr(value);
            case BOOL, NULL -> requireBool(value);
            case BINARY -> requireBase64(value);
        };
    }

    /**
     * Tests one context value against the compiled listed values, negation applied: for a
     * plain operator, whether it relates to any listed value; for a negated one, whether it
     * equals none. {@link Outcome#ERROR} when the context value is not of this type.
     * Not for {@code null_equal}, which {@link ConditionClause} handles by presence.
     */
    public Outcome test(String contextValue, List<Object> listed) {
        Object actual = readContext(contextValue);
        if (actual == null) {
            return Outcome.ERROR;
        }
        boolean any = false;
        for (Object expected : listed) {
            if (expected != null && relates(actual, expected)) {
                any = true;
                break;
            }
        }
        return Outcome.of(any != negated);
    }

    private Object readContext(String value) {
        try {
            return switch (type) {
                case STRING, STRING_LIKE -> value;
                case STRING_IGNORE_CASE -> value.toLowerCase(Locale.ROOT);
                case NUMERIC -> requireNumber(value);
                case DATE -> requireDate(value);
                case IP -> IpAddress.parse(value);
                case BOOL, NULL -> requireBool(value);
                case BINARY -> requireBase64(value);
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private boolean relates(Object actual, Object expected) {
        return switch (type) {
            case STRING, STRING_IGNORE_CASE, BOOL, NULL -> actual.equals(expected);
            case STRING_LIKE -> Glob.matches((String) expected, (String) actual);
            case NUMERIC -> compares(((BigDecimal) actual).compareTo((BigDecimal) expected));
            case DATE -> compares(((Instant) actual).compareTo((Instant) expected));
            case IP -> ((IpAddress.Cidr) expected).contains((byte[]) actual);
            case BINARY -> Arrays.equals((byte[]) actual, (byte[]) expected);
        };
    }

    private boolean compares(int sign) {
        return switch (comparison) {
            case EQ -> sign == 0;
            case GT -> sign > 0;
            case GE -> sign >= 0;
            case LT -> sign < 0;
            case LE -> sign <= 0;
        };
    }

    private static BigDecimal requireNumber(String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not a decimal number");
        }
    }

    /** Reads an ISO-8601 instant; a value without an offset is UTC, a bare date is its midnight UTC. */
    private static Instant requireDate(String value) {
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new IllegalArgumentException("\"" + value + "\" is not an ISO-8601 date or time");
                }
            }
        }
    }

    private static Boolean requireBool(String value) {
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("\"" + value + "\" is neither true nor false");
    }

    private static byte[] requireBase64(String value) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not base64");
        }
    }
}
