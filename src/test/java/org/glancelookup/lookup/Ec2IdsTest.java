package org.glancelookup.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ec2IdsTest {
    @ParameterizedTest
    @CsvSource(value = {"1,aki,aki-00000001", "2,kernel,aki-00000002", "10,ari,ari-0000000a",
        "11,ramdisk,ari-0000000b", "12,bare,ami-0000000c", "13,NULL,ami-0000000d", "4294967296,ovf,ami-100000000"},
        nullValues = "NULL")
    void prefixByContainerFormat(long id, String containerFormat, String expected) {
        assertThat(Ec2Ids.format(id, containerFormat)).isEqualTo(expected);
    }
}
