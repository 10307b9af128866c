package io.capstan.hcl.value;

import java.util.zip.CRC32;

/**
 * cty's {@code Value.Hash}: the CRC-32 (IEEE) of the value's set-hash rendering, the one
 * {@link SetOrder} sorts by. Terraform stores it, for instance, as the {@code hash} of a backend
 * block in {@code .terraform/terraform.tfstate}, so it must be computed byte for byte as cty does.
 */
public final class CtyHash {
    private CtyHash() {
    }

    /** {@code val.Hash()} for an unmarked value (marks are ignored, as they are not part of equality). */
    public static long of(Value v) {
        CRC32 crc = new CRC32();
        crc.update(SetOrder.hashBytes(v));
        return crc.getValue();
    }
}
