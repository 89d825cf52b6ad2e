package org.glancelookup.glance;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;

/** The few Python/oslo conversions glanceclient applies to v1 header values, reproduced exactly. */
public final class PythonValues {
    private static final Set<String> TRUE_STRINGS = Set.of("1", "t", "true", "on", "y", "yes");
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private PythonValues() {
    }

    /** oslo_utils.strutils.bool_from_string(value) with its defaults (strict=False, default=False). */
    public static boolean boolFromString(String value) {
        return value != null && TRUE_STRINGS.contains(strip(value).toLowerCase(Locale.ROOT));
    }

    /**
     * glanceclient's {@code int(v) if v else 0}: an integer (Long, or BigInteger past 64 bits) when Python's
     * int() takes the text, 0 when it is empty, the text itself otherwise.
     */
    public static Object intOrSelf(String value) {
        if (value == null || value.isEmpty()) {
            return 0L;
        }
        BigInteger parsed = pythonInt(value);
        if (parsed == null) {
            return value;
        }
        return parsed.compareTo(LONG_MIN) >= 0 && parsed.compareTo(LONG_MAX) <= 0 ? (Object) parsed.longValue()
                : parsed;
    }

    /** Python's int(str): surrounding whitespace, a sign, Unicode decimal digits, single '_' between digits. */
    static BigInteger pythonInt(String value) {
        String s = strip(value);
        if (s.isEmpty()) {
            return null;
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '+' || s.charAt(0) == '-') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        StringBuilder digits = new StringBuilder(s.length());
        boolean lastWasDigit = false;
        for (; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '_') {
                if (!lastWasDigit) {
                    return null;
                }
                lastWasDigit = false;
                continue;
            }
            if (Character.getType(cp) != Character.DECIMAL_DIGIT_NUMBER) {
                return null;
            }
            digits.append((char) ('0' + Character.digit(cp, 10)));
            lastWasDigit = true;
        }
        if (!lastWasDigit || digits.length() > GlanceJson.PYTHON_MAX_INT_DIGITS) {
            return null;
        }
        BigInteger n = new BigInteger(digits.toString());
        return negative ? n.negate() : n;
    }

    /** Python's str.strip(): removes leading and trailing whitespace as Python defines it. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPythonSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || (c >= 0x1c && c <= 0x1f) || c == 0x85;
    }
}
