package org.glancelookup.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC section 2: the id forms a caller may use, and what each bad form is called. */
class ImageRefTest {

    @ParameterizedTest
    @CsvSource({"ami-0000000a,10", "aki-00000001,1", "ari-ff,255", "AMI-0000000A,10", "ami-1,1",
        "ami-7fffffffffffffff,9223372036854775807"})
    void ec2IdsCarryTheInternalIdInHex(String id, long internalId) {
        assertThat(ImageRef.parse(id)).isEqualTo(new ImageRef.Ec2(id, internalId));
    }

    @ParameterizedTest
    @CsvSource({"1,1", "42,42", "0007,7"})
    void internalIds(String id, long internalId) {
        assertThat(ImageRef.parse(id)).isEqualTo(new ImageRef.Internal(id, internalId));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5eed0000-0000-4000-8000-000000000001", "5EED0000-0000-4000-8000-00000000000A"})
    void uuidsPassAsWritten(String id) {
        assertThat(ImageRef.parse(id)).isEqualTo(new ImageRef.Uuid(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ami-", "ami-xyz", "ami-00000000000000001", "vol-00000001", "i-1", "abc-def",
        "ami-0x1", "ami-1 ", "snap-0000000a"})
    void otherEc2FormsAreInvalidEc2Ids(String id) {
        assertThatThrownBy(() -> ImageRef.parse(id)).isInstanceOfSatisfying(LookupFailure.class, f -> {
            assertThat(f.error()).isEqualTo(LookupError.InvalidEc2Id);
            assertThat(f.getMessage()).isEqualTo("Ec2 id " + id + " is unacceptable.");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-1", "1.5", "hello", "12ab", "99999999999999999999", "../etc/passwd",
        "5eed0000-0000-4000-8000-00000000000", " 1", "１２"})
    void anythingElseIsAnInvalidRequest(String id) {
        assertThatThrownBy(() -> ImageRef.parse(id)).isInstanceOfSatisfying(LookupFailure.class,
                f -> assertThat(f.error()).isEqualTo(LookupError.InvalidRequest));
    }

    @Test
    void missingIdIsAnInvalidRequest() {
        assertThatThrownBy(() -> ImageRef.parse(null)).isInstanceOf(LookupFailure.class);
    }
}
