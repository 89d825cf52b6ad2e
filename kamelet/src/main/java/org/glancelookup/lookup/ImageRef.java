package org.glancelookup.lookup;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The three id forms a caller may use (SPEC section 2): an EC2 id, an internal integer id, or a Glance UUID.
 * Parsing follows Nova's ec2utils: the hex part of an EC2 id is the internal id.
 */
public sealed interface ImageRef {

    /** The id as the caller wrote it, for error messages. */
    String asWritten();

    record Ec2(String asWritten, long internalId) implements ImageRef {}

    record Internal(String asWritten, long internalId) implements ImageRef {}

    record Uuid(String asWritten) implements ImageRef {
        public String uuid() {
            return asWritten;
        }
    }

    Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    Pattern EC2_IMAGE = Pattern.compile("(?i)a[mkr]i-([0-9a-f]{1,16})");
    Pattern EC2_LIKE = Pattern.compile("[A-Za-z]+-.*", Pattern.DOTALL);
    Pattern DECIMAL = Pattern.compile("[0-9]{1,19}");
    int MAX_ID_LENGTH = 255;

    static ImageRef parse(String id) {
        if (id == null || id.isEmpty()) {
            throw LookupFailure.invalidRequest("The image_id is missing or empty.");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw LookupFailure.invalidRequest("The image_id is longer than " + MAX_ID_LENGTH + " characters.");
        }
        if (UUID.matcher(id).matches()) {
            return new Uuid(id);
        }
        var ec2 = EC2_IMAGE.matcher(id);
        if (ec2.matches()) {
            // 16 hex digits may exceed a signed long: such an id has no row, like any other unknown id
            return new Ec2(id, Long.parseUnsignedLong(ec2.group(1).toLowerCase(Locale.ROOT), 16));
        }
        if (EC2_LIKE.matcher(id).matches()) {
            throw LookupFailure.invalidEc2Id(id);
        }
        if (DECIMAL.matcher(id).matches()) {
            try {
                long value = Long.parseLong(id);
                if (value >= 1) {
                    return new Internal(id, value);
                }
            } catch (NumberFormatException tooLarge) {
                // falls through to the generic answer below
            }
        }
        throw LookupFailure.invalidRequest("Unrecognised image id form: expected ami-/aki-/ari- with 1-16 hex"
                + " digits, an internal id >= 1, or a Glance UUID.");
    }
}
